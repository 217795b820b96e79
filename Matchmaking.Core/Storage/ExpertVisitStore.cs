using System.Text.Json;
using Dapper;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Scheduling;
using Microsoft.Data.Sqlite;

namespace Matchmaking.Core.Storage;

/// <summary>A stored visit of one expert to an SME.</summary>
public sealed record StoredVisit(long Id, long PlanId, long SmeId, PlannedVisit Visit);

/// <summary>A stored expert-visit plan with its visits in slot order.</summary>
public sealed record StoredVisitPlan(long Id, long EventId, long SmeId, DateTimeOffset CreatedAt, double Coverage, int NeedCount,
    IReadOnlyList<UncoveredNeed> Uncovered, IReadOnlyList<StoredVisit> Visits);

/// <summary>Expert-visit plans: each written whole in one transaction, refused if a slot it takes was taken meanwhile.</summary>
public sealed class ExpertVisitStore(MatchmakingDatabase database, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Stores a plan; a conflict when another plan took one of its people's slots since they were read.</summary>
    public Task<WriteResult<StoredVisitPlan>> AddAsync(long eventId, ExpertVisitPlan plan, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            var clash = await connection.ExecuteScalarAsync<long?>(
                """
                SELECT v.slot FROM expert_visits v, json_each(@taken) t
                WHERE v.event_id = @eventId AND v.slot = json_extract(t.value, '$.slot')
                  AND json_extract(t.value, '$.id') IN (v.sme_id, v.expert_id)
                LIMIT 1
                """,
                new
                {
                    eventId,
                    taken = JsonSerializer.Serialize(plan.Visits.SelectMany(v => new[] { new { id = plan.SmeId, slot = v.Slot }, new { id = v.ExpertId, slot = v.Slot } })),
                }, transaction);
            if (clash is { } slot)
            {
                return WriteResult<StoredVisitPlan>.Conflict($"Slot {slot} was taken by another expert visit meanwhile; plan again.");
            }
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO expert_visit_plans (event_id, sme_id, created_at, coverage, need_count, uncovered)
                VALUES (@eventId, @SmeId, @now, @Coverage, @NeedCount, @uncovered)
                RETURNING id
                """,
                new { eventId, plan.SmeId, now = MatchmakingDatabase.FormatTimestamp(time.GetUtcNow()), plan.Coverage, plan.NeedCount,
                    uncovered = JsonSerializer.Serialize(plan.Uncovered, Json) }, transaction);
            await connection.ExecuteAsync(
                """
                INSERT INTO expert_visits (plan_id, event_id, sme_id, expert_id, slot, need, similarity, reasons)
                VALUES (@id, @eventId, @SmeId, @ExpertId, @Slot, @Need, @Similarity, @Reasons)
                """,
                plan.Visits.Select(v => new { id, eventId, plan.SmeId, v.ExpertId, v.Slot, v.Need, v.Similarity, Reasons = JsonSerializer.Serialize(v.Reasons, Json) }),
                transaction);
            return WriteResult<StoredVisitPlan>.Done((await ReadAsync(connection, transaction, eventId, id))!);
        }, cancellationToken);

    /// <summary>The event's plans with their visits, in id order.</summary>
    public Task<IReadOnlyList<StoredVisitPlan>> ListAsync(long eventId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<StoredVisitPlan>>(async connection =>
        {
            var plans = await connection.QueryAsync<PlanRow>(
                "SELECT id, event_id, sme_id, created_at, coverage, need_count, uncovered FROM expert_visit_plans WHERE event_id = @eventId ORDER BY id",
                new { eventId });
            var visits = (await connection.QueryAsync<VisitRow>(
                "SELECT id, plan_id, sme_id, expert_id, slot, need, similarity, reasons FROM expert_visits WHERE event_id = @eventId ORDER BY slot, id",
                new { eventId })).ToLookup(v => v.PlanId);
            return plans.Select(p => p.ToStored(visits[p.Id].Select(v => v.ToStored()).ToList())).ToList();
        }, cancellationToken);

    /// <summary>Deletes a plan and its visits, freeing their slots; false when the event has no such plan.</summary>
    public Task<bool> DeleteAsync(long eventId, long planId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync("DELETE FROM expert_visit_plans WHERE id = @planId AND event_id = @eventId", new { planId, eventId }, transaction) > 0,
            cancellationToken);

    public Task<StoredVisitPlan?> GetAsync(long eventId, long planId, CancellationToken cancellationToken = default) =>
        database.ReadAsync(connection => ReadAsync(connection, null, eventId, planId), cancellationToken);

    /// <summary>Every visit of the event, in slot order: what agendas and busy slots are made from.</summary>
    public Task<IReadOnlyList<StoredVisit>> ListVisitsAsync(long eventId, CancellationToken cancellationToken = default) =>
        database.ReadAsync<IReadOnlyList<StoredVisit>>(async connection =>
            (await connection.QueryAsync<VisitRow>(
                "SELECT id, plan_id, sme_id, expert_id, slot, need, similarity, reasons FROM expert_visits WHERE event_id = @eventId ORDER BY slot, id",
                new { eventId })).Select(r => r.ToStored()).ToList(), cancellationToken);

    /// <summary>The slots each participant spends in expert visits (as the SME or as an expert).</summary>
    public static Dictionary<long, HashSet<int>> BusySlots(IEnumerable<StoredVisit> visits)
    {
        var busy = new Dictionary<long, HashSet<int>>();
        foreach (var visit in visits)
        {
            foreach (var id in new[] { visit.SmeId, visit.Visit.ExpertId })
            {
                if (!busy.TryGetValue(id, out var slots))
                {
                    busy[id] = slots = [];
                }
                slots.Add(visit.Visit.Slot);
            }
        }
        return busy;
    }

    private static async Task<StoredVisitPlan?> ReadAsync(SqliteConnection connection, SqliteTransaction? transaction, long eventId, long planId)
    {
        var row = await connection.QuerySingleOrDefaultAsync<PlanRow>(
            "SELECT id, event_id, sme_id, created_at, coverage, need_count, uncovered FROM expert_visit_plans WHERE id = @planId AND event_id = @eventId",
            new { planId, eventId }, transaction);
        if (row is null)
        {
            return null;
        }
        var visits = await connection.QueryAsync<VisitRow>(
            "SELECT id, plan_id, sme_id, expert_id, slot, need, similarity, reasons FROM expert_visits WHERE plan_id = @planId ORDER BY slot, id",
            new { planId }, transaction);
        return row.ToStored(visits.Select(v => v.ToStored()).ToList());
    }

    private sealed class PlanRow
    {
        public long Id { get; init; }
        public long EventId { get; init; }
        public long SmeId { get; init; }
        public string CreatedAt { get; init; } = "";
        public double Coverage { get; init; }
        public int NeedCount { get; init; }
        public string Uncovered { get; init; } = "[]";

        public StoredVisitPlan ToStored(IReadOnlyList<StoredVisit> visits) => new(Id, EventId, SmeId, MatchmakingDatabase.ParseTimestamp(CreatedAt),
            Coverage, NeedCount, JsonSerializer.Deserialize<List<UncoveredNeed>>(Uncovered, Json)!, visits);
    }

    private sealed class VisitRow
    {
        public long Id { get; init; }
        public long PlanId { get; init; }
        public long SmeId { get; init; }
        public long ExpertId { get; init; }
        public int Slot { get; init; }
        public string Need { get; init; } = "";
        public double Similarity { get; init; }
        public string Reasons { get; init; } = "[]";

        public StoredVisit ToStored() => new(Id, PlanId, SmeId,
            new PlannedVisit(ExpertId, Slot, Need, (float)Similarity, JsonSerializer.Deserialize<List<SuggestionReason>>(Reasons, Json)!));
    }
}
