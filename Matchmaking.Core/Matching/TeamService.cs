using Matchmaking.Core.Scoring;
using Matchmaking.Core.Storage;

namespace Matchmaking.Core.Matching;

/// <summary>Forms and stores an event's hackathon teams: the entry point that reads participants and writes teams.</summary>
public sealed class TeamService(TeamStore teams, SuggestionService suggestions)
{
    public Task<(IReadOnlyList<Candidate> Participants, float[]? Topic, IPairScorer Scorer)> ParticipantsAsync(StoredEvent stored, CancellationToken cancellationToken = default) =>
        suggestions.ScoredParticipantsAsync(stored, cancellationToken);

    /// <summary>Forms teams (the solver runs on the thread pool for up to <paramref name="seconds"/>) and replaces the stored ones.</summary>
    public async Task<StoredTeams> FormAsync(StoredEvent stored, int teamSize, IReadOnlyList<long>? challengeIds, double seconds,
        CancellationToken cancellationToken = default)
    {
        var (people, _, _) = await suggestions.ScoredParticipantsAsync(stored, cancellationToken);
        var formation = await Task.Run(() => TeamBuilder.Build(people, teamSize, challengeIds, TimeSpan.FromSeconds(seconds), cancellationToken), cancellationToken);
        return await teams.ReplaceAsync(stored.Id, teamSize, formation, cancellationToken);
    }
}
