using System.Text.Json;
using Dapper;
using Matchmaking.Core.Matching;

namespace Matchmaking.Core.Storage;

/// <summary>A stored hackathon team.</summary>
public sealed record StoredTeam(long Id, FormedTeam Team);

/// <summary>An event's current teams, how they were formed, and who was left without one.</summary>
public sealed record StoredTeams(long EventId, DateTimeOffset CreatedAt, int TeamSize, TeamObjective Objective, IReadOnlyList<long> Unassigned,
    IReadOnlyList<StoredTeam> Teams);

/// <summary>Hackathon teams: a formation replaces the event's previous one, in one transaction.</summary>
public sealed class TeamStore(MatchmakingDatabase database, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<StoredTeams> ReplaceAsync(long eventId, int teamSize, TeamFormation formation, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("DELETE FROM team_formations WHERE event_id = @eventId", new { eventId }, transaction);
            var formationId = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO team_formations (event_id, created_at, team_size, objective, unassigned)
                VALUES (@eventId, @now, @teamSize, @objective, @unassigned)
                RETURNING id
                """,
                new
                {
                    eventId, teamSize, now = MatchmakingDatabase.FormatTimestamp(time.GetUtcNow()),
                    objective = JsonSerializer.Serialize(formation.Objective, Json), unassigned = JsonSerializer.Serialize(formation.Unassigned, Json),
                }, transaction);
            foreach (var team in formation.Teams)
            {
                var teamId = await connection.ExecuteScalarAsync<long>(
                    "INSERT INTO teams (formation_id, challenge_sme_id, challenge, fit) VALUES (@formationId, @ChallengeSmeId, @Challenge, @Fit) RETURNING id",
                    new { formationId, team.ChallengeSmeId, team.Challenge, team.Fit }, transaction);
                await connection.ExecuteAsync(
                    "INSERT INTO team_members (team_id, position, participant_id, role, reason, fit) VALUES (@teamId, @position, @ParticipantId, @Role, @Reason, @Fit)",
                    team.Members.Select((m, position) => new { teamId, position, m.ParticipantId, m.Role, m.Reason, m.Fit }), transaction);
            }
            return (await ReadAsync(connection, transaction, eventId))!;
        }, cancellationToken);

    /// <summary>The event's teams; null before the first formation.</summary>
    public Task<StoredTeams?> GetAsync(long eventId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => ReadAsync(connection, null, eventId), cancellationToken);

    private static async Task<StoredTeams?> ReadAsync(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction? transaction, long eventId)
    {
        var formation = await connection.QuerySingleOrDefaultAsync<FormationRow>(
            "SELECT id, created_at, team_size, objective, unassigned FROM team_formations WHERE event_id = @eventId", new { eventId }, transaction);
        if (formation is null)
        {
            return null;
        }
        var teams = (await connection.QueryAsync<TeamRow>(
            "SELECT id, challenge_sme_id, challenge, fit FROM teams WHERE formation_id = @Id ORDER BY id", new { formation.Id }, transaction)).ToList();
        var members = (await connection.QueryAsync<MemberRow>(
            """
            SELECT m.team_id, m.participant_id, m.role, m.reason, m.fit FROM team_members m JOIN teams t ON t.id = m.team_id
            WHERE t.formation_id = @Id ORDER BY m.team_id, m.position
            """, new { formation.Id }, transaction)).ToLookup(m => m.TeamId);
        return new StoredTeams(eventId, MatchmakingDatabase.ParseTimestamp(formation.CreatedAt), formation.TeamSize,
            JsonSerializer.Deserialize<TeamObjective>(formation.Objective, Json)!, JsonSerializer.Deserialize<List<long>>(formation.Unassigned, Json)!,
            teams.Select(t => new StoredTeam(t.Id, new FormedTeam(t.ChallengeSmeId, t.Challenge,
                members[t.Id].Select(m => new TeamMember(m.ParticipantId, m.Role, m.Reason, (float)m.Fit)).ToList(), (float)t.Fit))).ToList());
    }

    private sealed class FormationRow
    {
        public long Id { get; init; }
        public string CreatedAt { get; init; } = "";
        public int TeamSize { get; init; }
        public string Objective { get; init; } = "{}";
        public string Unassigned { get; init; } = "[]";
    }

    private sealed class TeamRow
    {
        public long Id { get; init; }
        public long ChallengeSmeId { get; init; }
        public string Challenge { get; init; } = "";
        public double Fit { get; init; }
    }

    private sealed class MemberRow
    {
        public long TeamId { get; init; }
        public long ParticipantId { get; init; }
        public string Role { get; init; } = "";
        public string Reason { get; init; } = "";
        public double Fit { get; init; }
    }
}
