using System.Globalization;
using Google.OrTools.Graph;
using Google.OrTools.Sat;

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
/// (a concave utility, as decreasing-value parallel arcs). When every candidate pair joins a seeker and a provider
/// this is a min-cost flow, solved exactly by OR-Tools. Otherwise (anyone may meet anyone, or <c>other</c>
/// participants meet both sides) the graph is not bipartite and the same objective is a b-matching, solved by CP-SAT
/// within a time limit from a fair greedy start.
/// </summary>
public static class MeetingSelector
{
    /// <summary>What a meeting's k-th place in a participant's day is worth, per step down; more than any score (1,000).</summary>
    public const long FairnessStep = 1_500;
    private const long ScoreScale = 1_000;

    /// <param name="sameSideForced">Whether forced pairs may join two participants of one side (events without cross-side rules).</param>
    /// <param name="candidates">Forced pairs (in order of priority) and open ones; open pairs between two participants of one
    /// side are chosen from too, so callers pass only pairs that may meet.</param>
    /// <param name="seconds">Time limit of the non-bipartite case (the bipartite one is exact and fast).</param>
    public static Selection Select(IReadOnlyList<SelectionParticipant> participants, IReadOnlyList<CandidatePair> candidates, int roomCapacity,
        bool sameSideForced = false, double seconds = 1)
    {
        var remaining = participants.Select(p => p.Capacity).ToArray();
        var chosen = new List<CandidatePair>();
        var rejected = new List<Rejection>();
        var taken = new HashSet<(int, int)>();
        var bipartite = candidates.All(c => c.Forced || c.A == c.B || participants[c.A].Seeker != participants[c.B].Seeker);
        var bound = bipartite ? SeekerCapacity(participants) : participants.Sum(p => p.Capacity) / 2;

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

        var open = candidates.Where(c => !c.Forced && c.A != c.B && remaining[c.A] > 0 && remaining[c.B] > 0)
            .GroupBy(Key).Select(g => g.MaxBy(c => c.Score)!).Where(c => !taken.Contains(Key(c))).ToList();
        if (open.Count > 0 && room > 0)
        {
            chosen.AddRange(bipartite ? Flow(participants, open, remaining, room, chosen) : Matching(participants, open, remaining, room, chosen, seconds));
        }
        return new Selection(chosen, rejected, bound);
    }

    private static int[] Placed(int count, List<CandidatePair> forced)
    {
        var already = new int[count];
        foreach (var pair in forced)
        {
            already[pair.A]++;
            already[pair.B]++;
        }
        return already;
    }

    /// <summary>
    /// The general case as a 0/1 model: a variable per open pair and, per participant, one per meeting place it can still
    /// fill (worth <see cref="FairnessStep"/> less at each place), as many places used as meetings chosen.
    /// </summary>
    private static List<CandidatePair> Matching(IReadOnlyList<SelectionParticipant> participants, List<CandidatePair> open, int[] remaining, int room,
        List<CandidatePair> forced, double seconds)
    {
        var already = Placed(participants.Count, forced);
        var maxCapacity = participants.Max(p => p.Capacity);
        long Bonus(int place) => FairnessStep * (maxCapacity + 1 - place);
        var start = Greedy(participants.Count, open, remaining, room);

        var model = new CpModel();
        var x = open.Select((_, i) => model.NewBoolVar($"x{i}")).ToArray();
        var incident = Enumerable.Range(0, participants.Count).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < open.Count; i++)
        {
            incident[open[i].A].Add(i);
            incident[open[i].B].Add(i);
            model.AddHint(x[i], start.Contains(i) ? 1 : 0);
        }
        var terms = new List<IntVar>(x);
        var weights = open.Select(c => (long)Math.Round(c.Score * ScoreScale)).ToList();
        for (var p = 0; p < participants.Count; p++)
        {
            var places = Math.Min(remaining[p], incident[p].Count);
            if (places == 0)
            {
                continue;
            }
            var used = Enumerable.Range(0, places).Select(k => model.NewBoolVar($"y{p}_{k}")).ToArray();
            for (var k = 1; k < places; k++)
            {
                model.AddImplication(used[k], used[k - 1]);
            }
            model.Add(LinearExpr.Sum(incident[p].Select(i => x[i])) == LinearExpr.Sum(used));
            var hinted = incident[p].Count(start.Contains);
            for (var k = 0; k < places; k++)
            {
                model.AddHint(used[k], k < hinted ? 1 : 0);
                terms.Add(used[k]);
                weights.Add(Bonus(already[p] + k + 1));
            }
        }
        model.Add(LinearExpr.Sum(x) <= room);
        model.Maximize(LinearExpr.WeightedSum(terms, weights));
        var limit = Math.Max(0.05, seconds).ToString("F3", CultureInfo.InvariantCulture);
        var solver = new CpSolver { StringParameters = $"max_time_in_seconds:{limit},num_workers:{Math.Max(2, Environment.ProcessorCount)},random_seed:1" };
        var status = solver.Solve(model);
        return status is CpSolverStatus.Optimal or CpSolverStatus.Feasible
            ? open.Where((_, i) => solver.BooleanValue(x[i])).ToList()
            : start.Select(i => open[i]).ToList();
    }

    /// <summary>A fair start: in round k, pairs by score where neither participant has k meetings yet.</summary>
    private static HashSet<int> Greedy(int count, List<CandidatePair> open, int[] remaining, int room)
    {
        var load = new int[count];
        var chosen = new HashSet<int>();
        var order = Enumerable.Range(0, open.Count).OrderByDescending(i => open[i].Score).ToList();
        var rounds = remaining.DefaultIfEmpty(0).Max();
        for (var round = 1; round <= rounds && chosen.Count < room; round++)
        {
            foreach (var i in order)
            {
                var (a, b) = (open[i].A, open[i].B);
                if (chosen.Count < room && load[a] < round && load[b] < round && load[a] < remaining[a] && load[b] < remaining[b] && chosen.Add(i))
                {
                    load[a]++;
                    load[b]++;
                }
            }
        }
        return chosen;
    }

    private static IEnumerable<CandidatePair> Flow(IReadOnlyList<SelectionParticipant> participants, List<CandidatePair> open, int[] remaining, int room, List<CandidatePair> forced)
    {
        var already = Placed(participants.Count, forced);
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
