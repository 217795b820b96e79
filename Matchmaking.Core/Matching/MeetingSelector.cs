using Google.OrTools.Graph;

namespace Matchmaking.Core.Matching;

/// <summary>A participant as selection sees it: which side it is on, how many meetings it can take, its organisation.</summary>
/// <param name="Seeker">True for the side whose needs are in focus (traditional SMEs); false for providers.</param>
/// <param name="Capacity">The most meetings it can have: min of its own maximum, the event's and its free slots.</param>
/// <param name="Organization">Its organisation, for messages.</param>
public sealed record SelectionParticipant(bool Seeker, int Capacity, string Organization);

/// <summary>A pair that may meet, with its score in [0, 1]. <see cref="Forced"/> pairs (accepted, must) are always wanted.</summary>
public sealed record CandidatePair(int A, int B, float Score, bool Forced = false);

/// <summary>A pair that was wanted but could not be selected, and why.</summary>
public sealed record Rejection(CandidatePair Pair, string Why);

/// <summary>The chosen meetings (forced ones first), the wanted ones that could not be, and the most meetings both sides' capacities allow.</summary>
public sealed record Selection(IReadOnlyList<CandidatePair> Meetings, IReadOnlyList<Rejection> Rejected, int CapacityBound);

/// <summary>
/// Chooses the day's meetings: maximum total score under each participant's capacity and the room's (tables x slots),
/// with forced pairs always in and fairness: a participant's first meeting is worth more than anyone's next one
/// (a concave utility, as decreasing-value parallel arcs). On the seeker/provider graph this is a min-cost flow,
/// solved exactly by OR-Tools.
/// </summary>
public static class MeetingSelector
{
    /// <summary>What a meeting's k-th place in a participant's day is worth, per step down; more than any score (1,000).</summary>
    public const long FairnessStep = 1_500;
    private const long ScoreScale = 1_000;

    /// <param name="sameSideForced">Whether forced pairs may join two participants of one side (events without cross-side rules).</param>
    public static Selection Select(IReadOnlyList<SelectionParticipant> participants, IReadOnlyList<CandidatePair> candidates, int roomCapacity,
        bool sameSideForced = false)
    {
        var remaining = participants.Select(p => p.Capacity).ToArray();
        var chosen = new List<CandidatePair>();
        var rejected = new List<Rejection>();
        var taken = new HashSet<(int, int)>();
        var bound = SeekerCapacity(participants);

        // Forced pairs first, in the order given (callers put must before accepted).
        var room = roomCapacity;
        foreach (var pair in candidates.Where(c => c.Forced))
        {
            var why = pair.A == pair.B ? "A participant cannot meet itself."
                : !sameSideForced && participants[pair.A].Seeker == participants[pair.B].Seeker ? "Both are on the same side of the event."
                : !taken.Add(Key(pair)) ? "The pair is already in."
                : remaining[pair.A] <= 0 ? $"{participants[pair.A].Organization} has no free meeting left for it (capacity {participants[pair.A].Capacity})."
                : remaining[pair.B] <= 0 ? $"{participants[pair.B].Organization} has no free meeting left for it (capacity {participants[pair.B].Capacity})."
                : room <= 0 ? "Every table of every slot is already taken."
                : null;
            if (why is not null)
            {
                rejected.Add(new Rejection(pair, why));
                continue;
            }
            remaining[pair.A]--;
            remaining[pair.B]--;
            room--;
            chosen.Add(pair);
        }

        var open = candidates.Where(c => !c.Forced && c.A != c.B && participants[c.A].Seeker != participants[c.B].Seeker && !taken.Contains(Key(c))).ToList();
        if (open.Count > 0 && room > 0)
        {
            chosen.AddRange(Flow(participants, open, remaining, room, chosen));
        }
        return new Selection(chosen, rejected, bound);
    }

    private static IEnumerable<CandidatePair> Flow(IReadOnlyList<SelectionParticipant> participants, List<CandidatePair> open, int[] remaining, int room, List<CandidatePair> forced)
    {
        var already = new int[participants.Count];
        foreach (var pair in forced)
        {
            already[pair.A]++;
            already[pair.B]++;
        }
        var maxCapacity = participants.Max(p => p.Capacity);
        long Bonus(int place) => FairnessStep * (maxCapacity + 1 - place);

        using var flow = new MinCostFlow();
        const int source = 0, sink = 1;
        int Node(int participant) => 2 + participant;
        var supply = Math.Min(room, remaining.Where((r, p) => participants[p].Seeker).Sum());
        for (var p = 0; p < participants.Count; p++)
        {
            // The k-th meeting of a participant is worth less than its (k-1)-th: cheaper arcs fill first.
            for (var place = already[p] + 1; place <= already[p] + remaining[p]; place++)
            {
                if (participants[p].Seeker)
                {
                    flow.AddArcWithCapacityAndUnitCost(source, Node(p), 1, -Bonus(place));
                }
                else
                {
                    flow.AddArcWithCapacityAndUnitCost(Node(p), sink, 1, -Bonus(place));
                }
            }
        }
        var arcs = new Dictionary<int, CandidatePair>();
        foreach (var pair in open)
        {
            var (seeker, provider) = participants[pair.A].Seeker ? (pair.A, pair.B) : (pair.B, pair.A);
            var arc = flow.AddArcWithCapacityAndUnitCost(Node(seeker), Node(provider), 1, -(long)Math.Round(pair.Score * ScoreScale));
            arcs[arc] = pair;
        }
        // Flow that finds no worthwhile meeting goes straight to the sink at no cost.
        flow.AddArcWithCapacityAndUnitCost(source, sink, supply, 0);
        flow.SetNodeSupply(source, supply);
        flow.SetNodeSupply(sink, -supply);
        var status = flow.Solve();
        if (status != MinCostFlowBase.Status.OPTIMAL)
        {
            throw new InvalidOperationException($"Meeting selection failed: min-cost flow ended {status}.");
        }
        return arcs.Where(a => flow.Flow(a.Key) > 0).Select(a => a.Value).ToList();
    }

    private static int SeekerCapacity(IReadOnlyList<SelectionParticipant> participants) =>
        Math.Min(participants.Where(p => p.Seeker).Sum(p => p.Capacity), participants.Where(p => !p.Seeker).Sum(p => p.Capacity));

    private static (int, int) Key(CandidatePair pair) => pair.A < pair.B ? (pair.A, pair.B) : (pair.B, pair.A);
}
