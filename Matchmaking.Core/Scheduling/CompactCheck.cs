using Google.OrTools.Sat;

namespace Matchmaking.Core.Scheduling;

/// <summary>
/// Exact check with CP-SAT: is there a schedule in which all participants but at most <c>k</c> have their meetings
/// back to back? A compact participant chooses where its day starts and its meetings fill exactly the slots from
/// there on; the (at most k) others only avoid double bookings. A schedule with h holes has at most h participants
/// with a hole, so "none for k" proves that at least k + 1 holes are needed. The model is pure Boolean (a literal per
/// meeting and allowed slot, one per participant and possible start) and is solved without the LP relaxation: on
/// real events that decides k = 0, 1 and often more in well under a second, where a model counting holes, or one
/// with integer slot variables, does not decide within the budget.
/// </summary>
public static class CompactCheck
{
    /// <returns>
    /// A slot assignment with at most <paramref name="k"/> participants whose day has a hole (and any number of
    /// holes for those); or null, with <paramref name="infeasible"/> set when CP-SAT proved that none exists.
    /// </returns>
    public static int[]? Solve(ScheduleProblem problem, int k, TimeSpan budget, CancellationToken cancellationToken, out bool infeasible)
    {
        if (DayModel.Create(problem) is not { } day)
        {
            infeasible = true;
            return null;
        }
        var relaxed = new List<ILiteral>();
        for (var participant = 0; participant < problem.ParticipantCount; participant++)
        {
            if (day.MeetingCount(participant) < 2)
            {
                continue;
            }
            var free = k > 0 ? day.Model.NewBoolVar($"p{participant}free") : null;
            if (free is not null)
            {
                relaxed.Add(free);
            }
            day.ShapeDay(participant, ulong.MaxValue, maySplit: false, free);
        }
        if (k > 0)
        {
            day.Model.Add(LinearExpr.Sum(relaxed) <= k);
        }
        return day.Solve(budget, cancellationToken, out infeasible);
    }

    /// <summary>
    /// A stricter question: is there a schedule in which at most <paramref name="k"/> participants have a day of two
    /// blocks (one hole) and all others are back to back? A schedule it finds has at most k holes. Asked at the bound
    /// <see cref="Solve"/> proved (no schedule with k - 1 participants with a hole), it is exact: a schedule with k
    /// holes then gives k participants a hole each, one hole apiece, so "none" proves that at least k + 1 are needed.
    /// It may take seconds where <see cref="Solve"/> takes tenths. CP-SAT's presolve is off: on ticf-13crafb it cost
    /// more than it saved (below); on forum-14.prec15, k = 2, it saves a third (0.9 s against 1.4 s).
    /// </summary>
    /// <returns>A slot assignment with at most <paramref name="k"/> holes; or null (see <see cref="Solve"/>).</returns>
    public static int[]? SolveOneHole(ScheduleProblem problem, int k, TimeSpan budget,
        CancellationToken cancellationToken, out bool infeasible)
    {
        if (k == 0)
        {
            return Solve(problem, 0, budget, cancellationToken, out infeasible);   // the same question
        }
        // ticf-13crafb, k = 3: 5.3-5.8 s without presolve on three copies with meetings and participants renumbered,
        // 7.6-10.6 s with it (1.0 s against 9.6 s in the file's own order).
        return OneHole(problem, _ => true, k, budget, cancellationToken, out infeasible, "cp_model_presolve:false");
    }

    /// <summary>
    /// The same question with only <paramref name="holders"/> allowed a day of two blocks, at most
    /// <paramref name="k"/> of them; everyone else back to back. Asked of the participants with a hole in a schedule,
    /// it is a neighbourhood of that schedule: every meeting may move, but no one else may take a hole. Where only one
    /// may split (k = 1), CP-SAT's presolve (its probing) settles most of the model at once: on forum-13crafc, with one
    /// participant allowed, each of the 58 questions is found or refuted in 0.04-2.5 s (most refuted in 0.04 s), and
    /// all are undecided in 3 s without presolve; the search's pairs of holders take 0.15-0.6 s with it, and are all
    /// undecided in 3 s without. Where more may split, presolve settles little and its model searches slower: on
    /// forum-14.prec15 (k = 2 of 3 holders, on the search's schedules) 0.47-0.56 s without presolve, against
    /// 2.4-4.8 s or undecided in 4 s with it; on forumt-14.prec25 (k = 5) 0.30 s against 1.67 s. So presolve is on
    /// only for k = 1, and for k = 0, the bounds' own question, which needs it (forum-13crafc: refuted in 0.10 s with
    /// it, undecided in 3 s without).
    /// </summary>
    /// <returns>A slot assignment with at most <paramref name="k"/> holes; or null (see <see cref="Solve"/>).</returns>
    public static int[]? SolveOneHoleAmong(ScheduleProblem problem, IReadOnlySet<int> holders, int k, TimeSpan budget,
        CancellationToken cancellationToken, out bool infeasible) =>
        OneHole(problem, holders.Contains, k, budget, cancellationToken, out infeasible,
            k > 1 ? "cp_model_presolve:false" : "");

    private static int[]? OneHole(ScheduleProblem problem, Func<int, bool> maySplit, int k, TimeSpan budget,
        CancellationToken cancellationToken, out bool infeasible, string parameters)
    {
        if (DayModel.Create(problem) is not { } day)
        {
            infeasible = true;
            return null;
        }
        var splits = new List<ILiteral>();
        for (var participant = 0; participant < problem.ParticipantCount; participant++)
        {
            if (day.MeetingCount(participant) >= 2
                && day.ShapeDay(participant, ulong.MaxValue, maySplit(participant), free: null) is { } split)
            {
                splits.Add(split);
            }
        }
        day.Model.Add(LinearExpr.Sum(splits) <= k);
        return day.Solve(budget, cancellationToken, out infeasible, parameters);
    }

    /// <summary>
    /// The same question counting holes by the shape of each day: is there a schedule with at most <paramref name="k"/>
    /// holes, a day back to back counting 0, a day of two blocks 1, and any other day 2 (it has at least two holes)?
    /// "None" proves that at least k + 1 holes are needed. Where fixed or unavailable slots force some days into three
    /// blocks or more (see <see cref="ForcedHoles"/>), this proves far more than counting participants: on
    /// forum-13.fixed020-Forb 20 holes (the search's best) where <see cref="Solve"/> proves 17. It is slower, and on
    /// events without such days it rarely decides in time.
    /// </summary>
    /// <returns>A slot assignment that satisfies the count (its holes may be more, for days counted 2); or null.</returns>
    public static int[]? SolveCounted(ScheduleProblem problem, int k, TimeSpan budget, CancellationToken cancellationToken, out bool infeasible)
    {
        if (DayModel.Create(problem) is not { } day)
        {
            infeasible = true;
            return null;
        }
        var count = new List<LinearExpr>();
        for (var participant = 0; participant < problem.ParticipantCount; participant++)
        {
            if (day.MeetingCount(participant) < 2)
            {
                continue;
            }
            // Two meetings make at most two blocks: such a day needs no third shape.
            var other = day.MeetingCount(participant) > 2 ? day.Model.NewBoolVar($"p{participant}other") : null;
            if (day.ShapeDay(participant, ulong.MaxValue, maySplit: true, other) is { } split)
            {
                count.Add(split);
            }
            if (other is not null)
            {
                count.Add(2 * other);
            }
        }
        day.Model.Add(LinearExpr.Sum(count) <= k);
        // As for the window neighbourhoods, probing and symmetry detection cost more than they save here.
        return day.Solve(budget, cancellationToken, out infeasible, "cp_model_probing_level:0 symmetry_level:0");
    }

    /// <summary>
    /// Per participant, the holes its own allowed slots (fixed, unavailable, sessions) force, whatever the others do:
    /// 0 when its meetings can take a block of consecutive slots, 1 when they can take two blocks, else 2 (two or
    /// more; also when they cannot all be placed). A participant forced to one hole counts in the bound without a
    /// CP-SAT call; where some day is forced into three blocks, counting participants says little about the holes
    /// and <see cref="SolveCounted"/> is worth its time.
    /// </summary>
    public static int[] ForcedHoles(ScheduleProblem problem)
    {
        return problem.MeetingsByParticipant().Select(meetings => meetings.Count < 2 ? 0 : FewestBlocks(problem, meetings) - 1).ToArray();
    }

    /// <summary>
    /// The fewest blocks the meetings' slots can form: 1 (consecutive slots), 2 (idle slots between two blocks), or 3
    /// for neither.
    /// </summary>
    private static int FewestBlocks(ScheduleProblem problem, List<int> meetings)
    {
        if (problem.CompactWindows(meetings).Length > 0)
        {
            return 1;
        }
        var slots = problem.SlotCount;
        var allowed = meetings.Select(problem.AllowedSlots).ToArray();
        var count = allowed.Length;
        bool Fits(ulong days) => OverbookedCheck.Placeable(allowed.Select(a => a & days).ToArray()) == count;
        static ulong Block(int start, int length) => (length == 64 ? ulong.MaxValue : (1UL << length) - 1) << start;
        for (var first = 1; first < count; first++)
        {
            for (var start = 0; start + first < slots; start++)
            {
                for (var second = start + first + 1; second + count - first <= slots; second++)
                {
                    if (Fits(Block(start, first) | Block(second, count - first)))
                    {
                        return 2;
                    }
                }
            }
        }
        return 3;
    }
}
