using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scoring;

namespace Matchmaking.Core.Scheduling;

/// <summary>A meeting of the day: who, when (slot index) and where (table), why, and whether it was asked for.</summary>
/// <param name="Origin"><c>requested</c> when a request asked for it (requested, accepted, must), else <c>suggested</c>.</param>
public sealed record PlannedMeeting(long ParticipantAId, long ParticipantBId, int Slot, int Table, float Score, IReadOnlyList<SuggestionReason> Reasons, string Origin);

/// <summary>A meeting that was wanted but could not be placed, and why.</summary>
public sealed record UnplacedMeeting(long ParticipantAId, long ParticipantBId, string Origin, string Why);

/// <summary>What a schedule achieves, and how hard the solver looked.</summary>
/// <param name="HolesLowerBound">The fewest holes possible, when an exact solver proved it; else null.</param>
/// <param name="CapacityBound">The most meetings the day could hold: tables x slots, or both sides' capacities.</param>
public sealed record ScheduleSummary(int MeetingsPlaced, double TotalScore, int Holes, int HolesSpread, int MinMeetings, double MedianMeetings,
    int MaxMeetings, double SolverSeconds, int? HolesLowerBound, int CapacityBound);

public sealed record PlannedSchedule(IReadOnlyList<PlannedMeeting> Meetings, IReadOnlyList<UnplacedMeeting> Unplaced, ScheduleSummary Figures);

/// <summary>
/// The schedule a repair starts from: its meetings that still stand (cancelled ones left out), which keep their slot
/// and table where they still can, and the cancelled pairs, which are not planned again.
/// </summary>
public sealed record RepairBase(IReadOnlyList<PlannedMeeting> Meetings, IReadOnlyCollection<(long A, long B)> Cancelled);

/// <summary>
/// Plans an event's day: scores the candidate pairs, selects the meetings (forced ones first, fair min-cost flow for
/// the rest), assigns slots and tables, and checks the result against every constraint. Pure: data in, data out.
/// Throws <see cref="SchedulingException"/> when no valid schedule can be made.
/// </summary>
public static class SchedulePlanner
{
    /// <summary>Above this many pairs that may meet, each asker is scored against its closest partners only.</summary>
    public const int ExhaustivePairs = 250_000;
    private const int Prefilter = 200;

    /// <summary>Below this score a suggested pair is only a candidate to reach a participant's minimum meetings.</summary>
    public const float MinScore = 0.05f;

    private static readonly TimeSpan MinSearch = TimeSpan.FromSeconds(0.2);

    /// <summary>The share of table-slots selection may fill.</summary>
    public const double RoomFill = 0.9;

    /// <param name="previous">For a repair: the meetings to keep in place, and the cancelled pairs.</param>
    /// <param name="requests">The event's meeting requests by id (precedences refer to ids).</param>
    public static PlannedSchedule Plan(EventSpec spec, IReadOnlyList<Candidate> people, float[]? topic, IReadOnlyDictionary<long, MeetingRequest> requests,
        IPairScorer scorer, SolveOptions options, CancellationToken cancellationToken = default, RepairBase? previous = null)
    {
        var slots = SlotPlanner.Plan(spec);
        if (slots.Count > ScheduleProblem.MaxSlots)
        {
            throw new SchedulingException($"Events of more than {ScheduleProblem.MaxSlots} slots cannot be scheduled; this one has {slots.Count}.");
        }
        var all = slots.Count == 64 ? ulong.MaxValue : (1UL << slots.Count) - 1;
        var morning = slots.Where(s => s.Start.Hour < 12).Aggregate(0UL, (mask, s) => mask | (1UL << s.Index));
        var index = people.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var unavailable = people.Select(p => p.Profile.Profile.UnavailableSlots.Aggregate(0UL, (mask, s) => mask | (1UL << s))).ToArray();
        var capacity = people.Select((p, i) => Math.Min(Math.Min(p.Profile.Profile.MaxMeetings ?? int.MaxValue, spec.Rules.MaxMeetings ?? int.MaxValue),
            slots.Count - System.Numerics.BitOperations.PopCount(unavailable[i]))).ToArray();
        var seeker = people.Select(p => p.Profile.Profile.Role == ParticipantRole.TraditionalSme).ToArray();

        var byPair = new Dictionary<(int, int), MeetingRequest>();
        foreach (var request in requests.Values.Where(r => index.ContainsKey(r.FromId) && index.ContainsKey(r.ToId)))
        {
            byPair[Key(index[request.FromId], index[request.ToId])] = request;
        }
        var cancelled = (previous?.Cancelled ?? []).Where(c => index.ContainsKey(c.A) && index.ContainsKey(c.B)).Select(c => Key(index[c.A], index[c.B])).ToHashSet();
        bool Banned(int a, int b) => (byPair.TryGetValue(Key(a, b), out var r) && !r.WantsMeeting) || cancelled.Contains(Key(a, b));
        bool Wished(int a, int b) => byPair.TryGetValue(Key(a, b), out var r) && r.WantsMeeting;

        // Score every pair that may meet (or each asker's closest partners, on big events). The seeker of a pair asks:
        // SMEs before others, experts and tech providers; between two of one role, the first in the list.
        var roles = people.Select(p => p.Profile.Profile.Role).ToArray();
        bool Asks(int a, int b) => a != b && Sides.CanMeet(roles[a], roles[b], spec.Rules.CrossSideOnly)
            && Sides.IsSeeker(roles[a], roles[b]) && (!Sides.IsSeeker(roles[b], roles[a]) || a < b);
        var pairs = new List<(int Asker, int Partner, PairFeatures Features, PairEvidence Evidence)>();
        var shortlist = Shortlist(people, roles, spec.Rules.CrossSideOnly, Asks);
        for (var s = 0; s < people.Count; s++)
        {
            var group = new List<(int, int, PairFeatures, PairEvidence)>();
            foreach (var p in shortlist?[s] ?? Enumerable.Range(0, people.Count).Where(p => Asks(s, p)))
            {
                var a = people[s].Profile;
                var b = people[p].Profile;
                if (Banned(s, p) || string.Equals(a.Profile.Organization, b.Profile.Organization, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                var (features, evidence) = FeatureExtractor.Compute(a, b, topic, Wished(s, p));
                group.Add((s, p, features, evidence));
            }
            var contextual = group.Select(g => g.Item3).ToArray();
            FeatureExtractor.AddContext(contextual);
            pairs.AddRange(group.Select((g, i) => (g.Item1, g.Item2, contextual[i], g.Item4)));
        }
        cancellationToken.ThrowIfCancellationRequested();
        var scores = scorer.Score(pairs.Select(p => p.Features).ToList());

        // Each participant's best few pairs are candidates, wished pairs always. Weak pairs only fill a participant's
        // minimum: nobody should sit through a meeting the scorer gives little chance, just to fill a table.
        var keep = new HashSet<int>();
        var minimum = Math.Max(spec.Rules.MinMeetings ?? 0, 3);
        foreach (var side in new Func<(int Asker, int Partner, PairFeatures, PairEvidence), int>[] { p => p.Asker, p => p.Partner })
        {
            foreach (var owner in Enumerable.Range(0, pairs.Count).GroupBy(i => side(pairs[i])))
            {
                var k = Math.Max(10, 3 * capacity[owner.Key]);
                keep.UnionWith(owner.OrderByDescending(i => scores[i]).Take(k).Where((i, rank) => rank < minimum || scores[i] >= MinScore));
            }
        }
        var pairAt = new Dictionary<(int, int), int>(pairs.Count);
        for (var i = 0; i < pairs.Count; i++)
        {
            pairAt[Key(pairs[i].Asker, pairs[i].Partner)] = i;
        }
        float? ScoreOf(int a, int b) => pairAt.TryGetValue(Key(a, b), out var i) ? scores[i] : null;

        // A repair keeps the meetings that still stand before anything else; then must, then accepted requests.
        var kept = (previous?.Meetings ?? []).Where(m => index.ContainsKey(m.ParticipantAId) && index.ContainsKey(m.ParticipantBId))
            .Select(m => (Meeting: m, A: index[m.ParticipantAId], B: index[m.ParticipantBId]))
            .Where(m => !Banned(m.A, m.B)).ToList();
        var before = kept.ToDictionary(m => Key(m.A, m.B), m => m.Meeting);
        var forced = kept.Select(m => new CandidatePair(m.A, m.B, ScoreOf(m.A, m.B) ?? m.Meeting.Score, Forced: true))
            .Concat(byPair.Values.Where(r => r.Status is RequestStatus.Must or RequestStatus.Accepted)
                .OrderBy(r => r.Status == RequestStatus.Must ? 0 : 1)
                .Select(r => new CandidatePair(index[r.FromId], index[r.ToId], ScoreOf(index[r.FromId], index[r.ToId]) ?? 0, Forced: true)));
        var open = keep.Select(i => new CandidatePair(pairs[i].Asker, pairs[i].Partner, scores[i]))
            .Concat(Enumerable.Range(0, pairs.Count).Where(i => !keep.Contains(i) && Wished(pairs[i].Asker, pairs[i].Partner))
                .Select(i => new CandidatePair(pairs[i].Asker, pairs[i].Partner, scores[i])));
        var participants = people.Select((p, i) => new SelectionParticipant(seeker[i], capacity[i], p.Profile.Profile.Organization)).ToList();
        // A room filled to the last table leaves the slot search no freedom and days full of holes: keep some slack.
        var room = (int)(spec.Tables * slots.Count * RoomFill);
        var selecting = System.Diagnostics.Stopwatch.StartNew();
        var selection = MeetingSelector.Select(participants, [.. forced, .. open], room, sameSideForced: !spec.Rules.CrossSideOnly,
            seconds: Math.Clamp(options.Budget.TotalSeconds / 5, 0.2, 5));
        // The slot search gets what selection left of the budget (a general-graph selection takes part of it).
        options = options with { Budget = options.Budget - selecting.Elapsed > MinSearch ? options.Budget - selecting.Elapsed : MinSearch };

        string Origin(int a, int b) => Wished(a, b) || before.GetValueOrDefault(Key(a, b))?.Origin == "requested" ? "requested" : "suggested";
        var unplaced = selection.Rejected.Select(r => new UnplacedMeeting(people[r.Pair.A].Id, people[r.Pair.B].Id, Origin(r.Pair.A, r.Pair.B), r.Why)).ToList();

        // Meetings whose participants share no slot (within the wished session) cannot be placed at all.
        var meetings = new List<(CandidatePair Pair, MeetingSpec Spec)>();
        foreach (var pair in selection.Meetings)
        {
            var request = byPair.GetValueOrDefault(Key(pair.A, pair.B));
            var session = request?.Session switch { SessionWish.Morning => morning, SessionWish.Afternoon => all & ~morning, _ => all };
            var meetingSpec = new MeetingSpec(pair.A, pair.B, session, request?.FixedSlot);
            if ((session & all & ~unavailable[pair.A] & ~unavailable[pair.B] & (request?.FixedSlot is { } f ? 1UL << f : all)) == 0)
            {
                unplaced.Add(new UnplacedMeeting(people[pair.A].Id, people[pair.B].Id, Origin(pair.A, pair.B),
                    request?.FixedSlot is not null ? "One of them is unavailable at the fixed slot."
                    : session != all ? $"They share no free slot in the {request!.Session.ToWire()}." : "They share no free slot."));
                continue;
            }
            meetings.Add((pair, meetingSpec));
        }

        var hosts = people.Select(p => p.Profile.Profile.HostTable ?? 0).ToArray();
        while (true)
        {
            // "Meet X after Y" holds when both meetings are in the plan.
            var position = meetings.Select((m, i) => (Key(m.Pair.A, m.Pair.B), i)).ToDictionary(x => x.Item1, x => x.i);
            var precedences = requests.Values.Where(r => r.After is { } first && requests.ContainsKey(first))
                .Select(r => (Later: r, Earlier: requests[r.After!.Value]))
                .Where(p => index.ContainsKey(p.Later.FromId) && index.ContainsKey(p.Later.ToId) && index.ContainsKey(p.Earlier.FromId) && index.ContainsKey(p.Earlier.ToId))
                .Select(p => (Before: position.GetValueOrDefault(Key(index[p.Earlier.FromId], index[p.Earlier.ToId]), -1),
                              After: position.GetValueOrDefault(Key(index[p.Later.FromId], index[p.Later.ToId]), -1)))
                .Where(p => p.Before >= 0 && p.After >= 0 && p.Before != p.After).ToList();
            var problem = new ScheduleProblem(slots.Count, spec.Tables, unavailable, meetings.Select(m => m.Spec).ToList(), precedences, hosts);
            if (Contradiction(problem) is ({ } why, var yielding))
            {
                // No schedule keeps every constraint: a wished meeting involved gives way, with the reason.
                if (yielding < 0)
                {
                    throw new SchedulingException("The requested meetings cannot all be placed: " + why);
                }
                var pair = meetings[yielding].Pair;
                unplaced.Add(new UnplacedMeeting(people[pair.A].Id, people[pair.B].Id, Origin(pair.A, pair.B), why));
                meetings.RemoveAt(yielding);
                continue;
            }
            // Kept meetings stay in their slot while it is still allowed; the others (e.g. after new unavailability) move.
            var initial = meetings.Select(m => before.GetValueOrDefault(Key(m.Pair.A, m.Pair.B))?.Slot ?? -1).ToArray();
            var pinned = initial.Select((slot, i) => slot >= 0 && (problem.AllowedSlots(i) & (1UL << slot)) != 0).ToArray();
            SlotSolution solution;
            try
            {
                solution = SlotAssigner.Solve(problem, previous is null ? options : options with { Initial = initial, Pinned = pinned }, cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or SchedulingException && !cancellationToken.IsCancellationRequested)
            {
                if (!meetings.Any(m => !m.Pair.Forced))
                {
                    throw new SchedulingException("The requested meetings cannot all be placed: " + e.Message, e);
                }
                // No valid placement for all of them: give up the weakest tenth of the suggested meetings and try again.
                var drop = meetings.Where(m => !m.Pair.Forced).OrderBy(m => m.Pair.Score).Take(Math.Max(1, meetings.Count / 10)).ToHashSet();
                unplaced.AddRange(drop.Select(m => new UnplacedMeeting(people[m.Pair.A].Id, people[m.Pair.B].Id, Origin(m.Pair.A, m.Pair.B),
                    "No room left in the slots both can attend.")));
                meetings = meetings.Where(m => !drop.Contains(m)).ToList();
                continue;
            }
            var tables = TableAssigner.Assign(problem, solution.Slots,
                meetings.Select((m, i) => pinned[i] ? before[Key(m.Pair.A, m.Pair.B)].Table : 0).ToArray());
            var placements = solution.Slots.Select((s, m) => new Placement(s, tables[m])).ToList();
            var violations = ScheduleChecker.Violations(problem, placements);
            if (violations.Count > 0)
            {
                throw new InvalidOperationException("The schedule failed its check (a solver bug): " + string.Join(" ", violations.Take(3)));
            }

            var explained = scorer.Explain(meetings.Select(m => FeaturesOf(m.Pair)).ToList(), topFeatures: 2 * SuggestionRanker.MaxFeatureReasons);
            var planned = meetings.Select((m, i) => new PlannedMeeting(people[m.Pair.A].Id, people[m.Pair.B].Id, solution.Slots[i], tables[i],
                MathF.Round(m.Pair.Score, 4), Reasons(m.Pair, explained[i]), Origin(m.Pair.A, m.Pair.B))).ToList();
            var figures = ScheduleChecker.Figures(problem, placements);
            return new PlannedSchedule(planned, unplaced, new ScheduleSummary(planned.Count, Math.Round(planned.Sum(p => (double)p.Score), 3), figures.Holes,
                figures.HolesSpread, figures.MinMeetings, figures.MedianMeetings, figures.MaxMeetings, Math.Round(solution.Seconds, 3), solution.LowerBound,
                Math.Min(selection.CapacityBound, spec.Tables * slots.Count)));
        }

        // What makes the problem impossible before any search, if a quick check shows it, and which meeting (index) gives
        // way: the weakest wished one involved, or for a precedence the later meeting, else the earlier; -1 if all are forced.
        (string Why, int Yielding)? Contradiction(ScheduleProblem problem)
        {
            int Weakest(IEnumerable<int> involved) =>
                involved.Where(i => !meetings[i].Pair.Forced).OrderBy(i => meetings[i].Pair.Score).DefaultIfEmpty(-1).First();
            string Organization(int participant) => people[participant].Profile.Profile.Organization;
            string Between(CandidatePair pair) => $"the meeting of {Organization(pair.A)} and {Organization(pair.B)}";

            if (OverbookedCheck.Find(problem) is [var overbooked, ..])
            {
                return ($"{Organization(overbooked.Participant)} has {overbooked.Meetings} meetings, but its free slots, session wishes and fixed " +
                    $"slots hold at most {overbooked.Placeable} of them.",
                    Weakest(Enumerable.Range(0, meetings.Count).Where(i => meetings[i].Pair.A == overbooked.Participant || meetings[i].Pair.B == overbooked.Participant)));
            }
            if (OverbookedCheck.FullSlots(problem) is [var full, ..])
            {
                return ($"Slot {full.Slot} has {full.Meetings.Count} meetings that can take no other slot (fixed slots, or the only slot free for " +
                    $"both), and {full.Tables} tables.", Weakest(full.Meetings));
            }
            if (PrecedenceCheck.Conflicts(problem) is [var conflict, ..])
            {
                var windows = conflict.LatestAfter < 0 ? "with the other precedences, the later one fits in no slot"
                    : conflict.EarliestBefore >= slots.Count ? "with the other precedences, the earlier one fits in no slot"
                    : "with their free slots, session wishes, fixed slots and other precedences the earlier one can take place no sooner than " +
                      $"slot {conflict.EarliestBefore} and the later one no later than slot {conflict.LatestAfter}";
                return ($"{Between(meetings[conflict.After].Pair)} must come after {Between(meetings[conflict.Before].Pair)}, but {windows}.",
                    !meetings[conflict.After].Pair.Forced ? conflict.After : !meetings[conflict.Before].Pair.Forced ? conflict.Before : -1);
            }
            return null;
        }

        // Forced pairs outside the scored ones (e.g. two participants of one side) are explained from their features alone.
        PairFeatures FeaturesOf(CandidatePair pair) => pairAt.TryGetValue(Key(pair.A, pair.B), out var i) ? pairs[i].Features : default;

        IReadOnlyList<SuggestionReason> Reasons(CandidatePair pair, PairScore explained)
        {
            var scored = pairAt.TryGetValue(Key(pair.A, pair.B), out var i);
            var (s, p) = scored ? (pairs[i].Asker, pairs[i].Partner) : seeker[pair.A] ? (pair.A, pair.B) : (pair.B, pair.A);
            var evidence = scored ? pairs[i].Evidence : default;
            return SuggestionRanker.Reasons(true, people[s].Profile, people[p].Profile, evidence, explained);
        }
    }

    /// <summary>
    /// On big events, each asker's closest partners by whole-text need/offer similarity (searched per role, among the
    /// roles it may ask); null to score every pair.
    /// </summary>
    private static List<int>[]? Shortlist(IReadOnlyList<Candidate> people, ParticipantRole[] roles, bool crossSideOnly, Func<int, int, bool> asks)
    {
        var groups = Enumerable.Range(0, people.Count).GroupBy(i => roles[i])
            .Select(g => (Askers: g.ToList(), Partners: Enumerable.Range(0, people.Count)
                .Where(j => Sides.CanMeet(g.Key, roles[j], crossSideOnly) && Sides.IsSeeker(g.Key, roles[j])).ToList()))
            .Where(g => g.Partners.Count > 0).ToList();
        if (groups.Sum(g => (long)g.Askers.Count * g.Partners.Count) <= ExhaustivePairs)
        {
            return null;
        }
        const int d = 384;
        float[] Matrix(List<int> rows, Func<Embeddings.ProfileVectors, float[]?> pick) =>
            rows.SelectMany(i => pick(people[i].Profile.Vectors) ?? new float[d]).ToArray();
        var shortlist = new List<int>[people.Count];
        foreach (var (askers, partners) in groups)
        {
            var found = SimilaritySearch.TopK(Matrix(askers, v => v.Needs.Whole ?? v.Whole), Matrix(partners, v => v.Offers.Whole ?? v.Whole), d,
                Math.Min(Prefilter, partners.Count));
            for (var i = 0; i < askers.Count; i++)
            {
                shortlist[askers[i]] = found[i].Select(f => partners[f.Index]).Where(j => asks(askers[i], j)).ToList();
            }
        }
        return shortlist;
    }

    private static (int, int) Key(int a, int b) => a < b ? (a, b) : (b, a);
}
