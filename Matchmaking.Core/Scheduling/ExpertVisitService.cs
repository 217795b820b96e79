using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scoring;
using Matchmaking.Core.Storage;

namespace Matchmaking.Core.Scheduling;

/// <summary>Plans and stores expert visits: the entry point that reads busy slots and writes plans.</summary>
public sealed class ExpertVisitService(ExpertVisitStore visits, ScheduleStore schedules, SuggestionService suggestions)
{
    /// <summary>
    /// Who may visit an SME: the event's experts; only when the event has no expert at all, its tech providers. Never
    /// the SME's own organisation.
    /// </summary>
    public static IReadOnlyList<Candidate> Pool(IReadOnlyList<Candidate> people, Candidate sme)
    {
        var role = people.Any(p => p.Profile.Profile.Role == ParticipantRole.Expert) ? ParticipantRole.Expert : ParticipantRole.TechProvider;
        return people.Where(p => p.Profile.Profile.Role == role && p.Id != sme.Id
            && !string.Equals(p.Profile.Profile.Organization, sme.Profile.Profile.Organization, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>The event's participants with vectors, its topic vector and the scorer (cached per event revision).</summary>
    public Task<(IReadOnlyList<Candidate> Participants, float[]? Topic, IPairScorer Scorer)> ParticipantsAsync(StoredEvent stored, CancellationToken cancellationToken = default) =>
        suggestions.ScoredParticipantsAsync(stored, cancellationToken);

    /// <summary>Plans the visit and stores it; a conflict (with why) when the visits cannot be placed.</summary>
    public async Task<WriteResult<StoredVisitPlan>> CreateAsync(StoredEvent stored, Candidate sme, IReadOnlyList<Candidate> pool, int count,
        CancellationToken cancellationToken = default)
    {
        var (_, topic, scorer) = await suggestions.ScoredParticipantsAsync(stored, cancellationToken);
        var busy = await BusySlotsAsync(stored.Id, [sme, .. pool], cancellationToken);
        ExpertVisitPlan plan;
        try
        {
            plan = ExpertVisitPlanner.Plan(sme, pool, count, SlotPlanner.Plan(stored.Spec), busy, topic, scorer);
        }
        catch (SchedulingException e)
        {
            return WriteResult<StoredVisitPlan>.Conflict(e.Message);
        }
        return await visits.AddAsync(stored.Id, plan, cancellationToken);
    }

    /// <summary>Slots the people cannot take: unavailable, in a meeting of the latest or the published schedule, or in a visit.</summary>
    private async Task<Dictionary<long, IReadOnlySet<int>>> BusySlotsAsync(long eventId, IReadOnlyList<Candidate> people, CancellationToken cancellationToken)
    {
        var busy = ExpertVisitStore.BusySlots(await visits.ListVisitsAsync(eventId, cancellationToken));
        HashSet<int> Of(long id) => busy.TryGetValue(id, out var slots) ? slots : busy[id] = [];
        foreach (var schedule in new[] { await schedules.GetAsync(eventId, null, cancellationToken), await schedules.GetPublishedAsync(eventId, cancellationToken) })
        {
            foreach (var meeting in schedule?.Meetings.Where(m => m.CancelledAt is null) ?? [])
            {
                Of(meeting.Meeting.ParticipantAId).Add(meeting.Meeting.Slot);
                Of(meeting.Meeting.ParticipantBId).Add(meeting.Meeting.Slot);
            }
        }
        foreach (var person in people)
        {
            Of(person.Id).UnionWith(person.Profile.Profile.UnavailableSlots);
        }
        return busy.ToDictionary(b => b.Key, b => (IReadOnlySet<int>)b.Value);
    }
}
