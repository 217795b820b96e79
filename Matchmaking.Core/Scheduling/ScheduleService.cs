using System.Diagnostics;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Storage;

namespace Matchmaking.Core.Scheduling;

/// <summary>Makes and stores a schedule version for an event, new or repaired: the entry point that reads and writes storage.</summary>
public sealed class ScheduleService(RequestStore requests, ScheduleStore schedules, SuggestionService suggestions, ExpertVisitStore? visits = null)
{
    /// <summary>Plans, checks and stores the next version; <paramref name="progress"/> goes from 0 to 100.</summary>
    /// <exception cref="SchedulingException">A repair without a schedule, or no valid schedule could be made.</exception>
    public async Task<(StoredSchedule Saved, ScheduleChanges? Changes)> CreateAsync(StoredEvent stored, double seconds, bool repair,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        progress?.Report(2);
        RepairBase? previous = null;
        StoredSchedule? latest = null;
        if (repair)
        {
            latest = await schedules.GetAsync(stored.Id, null, cancellationToken)
                ?? throw new SchedulingException($"Event {stored.Id} has no schedule to repair yet; create one first.");
            previous = new RepairBase(latest.Meetings.Where(m => m.CancelledAt is null).Select(m => m.Meeting).ToList(), Cancelled(latest));
        }
        var (people, topic, scorer) = await suggestions.ScoredParticipantsAsync(stored, cancellationToken);
        if (visits is not null)
        {
            people = WithVisitsUnavailable(people, ExpertVisitStore.BusySlots(await visits.ListVisitsAsync(stored.Id, cancellationToken)));
        }
        var wishes = (await requests.ListAsync(stored.Id, cancellationToken: cancellationToken)).ToDictionary(r => r.Id, r => r.Request);
        progress?.Report(10);

        // The search runs on the thread pool and keeps its cores busy for the whole budget; progress follows the clock.
        var clock = Stopwatch.StartNew();
        using var ticker = progress is null ? null : new Timer(_ => progress.Report(10 + (int)Math.Min(85, 85 * clock.Elapsed.TotalSeconds / (seconds + 1))),
            null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var plan = await Task.Run(() => SchedulePlanner.Plan(stored.Spec, people, topic, wishes, scorer,
            new SolveOptions(TimeSpan.FromSeconds(seconds)), cancellationToken, previous), cancellationToken);
        ticker?.Dispose();
        progress?.Report(96);

        var saved = await schedules.AddAsync(stored.Id, plan, cancellationToken);
        progress?.Report(100);
        return (saved, latest is null ? null : ScheduleChanges.Between(latest.Meetings.Select(m => m.Meeting).ToList(), Cancelled(latest), plan));
    }

    /// <summary>Slots a participant spends in expert visits count as unavailable for meetings.</summary>
    private static IReadOnlyList<Candidate> WithVisitsUnavailable(IReadOnlyList<Candidate> people, Dictionary<long, HashSet<int>> busy) =>
        busy.Count == 0 ? people : people.Select(p => busy.TryGetValue(p.Id, out var slots)
            ? p with { Profile = p.Profile with { Profile = p.Profile.Profile with { UnavailableSlots = [.. p.Profile.Profile.UnavailableSlots.Union(slots).Order()] } } }
            : p).ToList();

    private static List<(long A, long B)> Cancelled(StoredSchedule schedule) =>
        schedule.Meetings.Where(m => m.CancelledAt is not null).Select(m => (m.Meeting.ParticipantAId, m.Meeting.ParticipantBId)).ToList();
}
