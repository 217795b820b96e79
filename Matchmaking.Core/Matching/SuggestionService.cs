using System.Collections.Concurrent;
using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scoring;
using Matchmaking.Core.Storage;

namespace Matchmaking.Core.Matching;

/// <summary>
/// Suggestions for stored participants and for ad-hoc profiles. Keeps each event's scored participants and meeting
/// requests in memory, keyed by the event's revision, so a request reads one row when nothing changed and never waits
/// for the model unless texts were never embedded. Without a request store (tools that only rank) no pair is
/// excluded or wished.
/// </summary>
public sealed class SuggestionService(ParticipantStore participants, RequestStore? requests, EmbeddingIndex index, IPairScorer scorer)
{
    private const int MaxCachedEvents = 16;

    private readonly ConcurrentDictionary<long, EventSnapshot> _snapshots = new();

    /// <summary>Which scorer answers: <c>model</c> or the <c>weighted</c> fallback.</summary>
    public string ScorerName => scorer.Name;

    /// <summary>Suggestions for a stored participant; null when the event has no such participant.</summary>
    public async Task<IReadOnlyList<Suggestion>?> ForParticipantAsync(StoredEvent stored, long participantId, int limit, CancellationToken cancellationToken = default)
    {
        var snapshot = await SnapshotAsync(stored, cancellationToken);
        if (!snapshot.ById.TryGetValue(participantId, out var asker))
        {
            return null;
        }
        var wishes = snapshot.Wishes.GetValueOrDefault(participantId);
        return SuggestionRanker.Rank(participantId, asker.Profile, snapshot.Candidates, snapshot.Topic, stored.Spec.Rules, scorer, limit,
            wishes?.Excluded, wishes?.Wished);
    }

    /// <summary>The event's participants with their vectors, the topic vector and the scorer: what scheduling scores pairs with.</summary>
    public async Task<(IReadOnlyList<Candidate> Participants, float[]? Topic, IPairScorer Scorer)> ScoredParticipantsAsync(StoredEvent stored, CancellationToken cancellationToken = default)
    {
        var snapshot = await SnapshotAsync(stored, cancellationToken);
        return (snapshot.Candidates, snapshot.Topic, scorer);
    }

    /// <summary>Suggestions for a profile that is not stored (an SME looking before it registers).</summary>
    public async Task<IReadOnlyList<Suggestion>> ForProfileAsync(StoredEvent stored, ParticipantProfile profile, int limit, CancellationToken cancellationToken = default)
    {
        var snapshot = await SnapshotAsync(stored, cancellationToken);
        var asker = new ScoredProfile(profile, await index.ProfileAsync(profile, cancellationToken));
        return SuggestionRanker.Rank(null, asker, snapshot.Candidates, snapshot.Topic, stored.Spec.Rules, scorer, limit);
    }

    private async Task<EventSnapshot> SnapshotAsync(StoredEvent stored, CancellationToken cancellationToken)
    {
        if (_snapshots.TryGetValue(stored.Id, out var cached) && cached.Revision == stored.Revision)
        {
            return cached;
        }
        var all = await participants.ListAllAsync(stored.Id, cancellationToken);
        await index.EnsureAsync(all.SelectMany(p => ProfileVectors.Texts(p.Profile)).Append(stored.Spec.Topic), cancellationToken: cancellationToken);
        var candidates = new List<Candidate>(all.Count);
        foreach (var participant in all)
        {
            candidates.Add(new Candidate(participant.Id, new ScoredProfile(participant.Profile, await index.ProfileAsync(participant.Profile, cancellationToken))));
        }
        var wishes = requests is null ? [] : PartnerWishes.ByParticipant(await requests.ListAsync(stored.Id, cancellationToken: cancellationToken));
        var snapshot = new EventSnapshot(stored.Revision, candidates, (await index.TextAsync(stored.Spec.Topic, cancellationToken)).Mean, wishes);
        if (_snapshots.Count >= MaxCachedEvents)
        {
            _snapshots.Clear();
        }
        _snapshots[stored.Id] = snapshot;
        return snapshot;
    }

    private sealed class EventSnapshot(long revision, List<Candidate> candidates, float[]? topic, Dictionary<long, PartnerWishes> wishes)
    {
        public long Revision => revision;
        public IReadOnlyList<Candidate> Candidates => candidates;
        public float[]? Topic => topic;
        public Dictionary<long, Candidate> ById { get; } = candidates.ToDictionary(c => c.Id);
        public Dictionary<long, PartnerWishes> Wishes => wishes;
    }

    /// <summary>One participant's partners never to suggest (avoid, declined) and those a request asks it to meet.</summary>
    private sealed record PartnerWishes(HashSet<long> Excluded, HashSet<long> Wished)
    {
        // A request binds the pair, whoever made it: each side gets the other in its sets.
        public static Dictionary<long, PartnerWishes> ByParticipant(IEnumerable<StoredRequest> stored)
        {
            var byParticipant = new Dictionary<long, PartnerWishes>();
            foreach (var request in stored.Select(s => s.Request))
            {
                For(byParticipant, request.FromId).Add(request, request.ToId);
                For(byParticipant, request.ToId).Add(request, request.FromId);
            }
            return byParticipant;
        }

        private static PartnerWishes For(Dictionary<long, PartnerWishes> byParticipant, long id)
        {
            if (!byParticipant.TryGetValue(id, out var wishes))
            {
                byParticipant[id] = wishes = new PartnerWishes([], []);
            }
            return wishes;
        }

        private void Add(MeetingRequest request, long partner) => (request.WantsMeeting ? Wished : Excluded).Add(partner);
    }
}
