using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using Google.OrTools.Sat;

namespace Matchmaking.Core.Scheduling;

/// <summary>
/// The CP-SAT model the exact checks share: a literal per meeting and allowed slot (exactly one per meeting), at most
/// <c>Tables</c> meetings per slot, precedences, one meeting at a time per shared host table, and a busy literal per
/// participant and slot (one meeting at a time), at most twice <c>Tables</c> of them per slot. Callers then shape each
/// participant's day over its busy literals with <see cref="ShapeDay"/>: back to back from one of the given starts,
/// two blocks with one hole between them, or left free. Pure Boolean and solved without the LP relaxation, which on
/// these models decides in a fraction of the time.
/// </summary>
internal sealed class DayModel
{
    private readonly ScheduleProblem _problem;
    private readonly CpModel _model = new();
    private readonly BoolVar?[,] _at;
    private readonly List<int>[] _meetingsOf;
    private readonly BoolVar?[,] _busy;   // participant, slot: in one of its meetings (null where none may be)
    private readonly Stopwatch _age = Stopwatch.StartNew();   // building the model counts in the solve's budget

    private DayModel(ScheduleProblem problem)
    {
        _problem = problem;
        var n = problem.Meetings.Count;
        var slots = problem.SlotCount;
        _at = new BoolVar?[n, slots];
        var perSlot = Enumerable.Range(0, slots).Select(_ => new List<ILiteral>()).ToArray();
        var slotOf = new LinearExpr[n];
        for (var m = 0; m < n; m++)
        {
            var allowed = problem.AllowedSlots(m);
            var literals = new List<BoolVar>();
            var values = new List<long>();
            for (var t = 0; t < slots; t++)
            {
                if ((allowed & (1UL << t)) != 0)
                {
                    var literal = _model.NewBoolVar($"m{m}t{t}");
                    _at[m, t] = literal;
                    literals.Add(literal);
                    values.Add(t);
                    perSlot[t].Add(literal);
                }
            }
            _model.AddExactlyOne(literals);
            slotOf[m] = LinearExpr.WeightedSum(literals, values);
        }
        for (var t = 0; t < slots; t++)
        {
            _model.Add(LinearExpr.Sum(perSlot[t]) <= problem.Tables);
        }
        foreach (var (before, after) in problem.Precedences)
        {
            _model.Add(slotOf[before] < slotOf[after]);
        }
        foreach (var sharedTable in Enumerable.Range(0, n).Where(m => problem.RequiredTable(m) > 0).GroupBy(problem.RequiredTable).Where(g => g.Count() > 1))
        {
            AtMostOnePerSlot(sharedTable.ToList());
        }
        _meetingsOf = problem.MeetingsByParticipant();
        _busy = new BoolVar?[_meetingsOf.Length, slots];
        var busyAt = Enumerable.Range(0, slots).Select(_ => new List<ILiteral>()).ToArray();
        for (var participant = 0; participant < _meetingsOf.Length; participant++)
        {
            for (var t = 0; t < slots; t++)
            {
                var here = _meetingsOf[participant].Where(m => _at[m, t] is not null).Select(m => (ILiteral)_at[m, t]!).ToList();
                if (here.Count > 0)
                {
                    var busy = _model.NewBoolVar($"p{participant}busy{t}");
                    _model.Add(LinearExpr.Sum(here) == busy);   // so also one meeting at a time
                    _busy[participant, t] = busy;
                    busyAt[t].Add(busy);
                }
            }
        }
        // Implied by the tables per slot (each meeting keeps two participants busy), but stated over the busy literals
        // the day shapes fill: CP-SAT then sees at once when the days chosen cover a slot with more participants than
        // its tables seat. Without it, k = 0 on tic-14crafc.prec25 was undecided after 10 s; with it, decided in
        // 0.2-0.4 s (docs/b2bsp.md, "Busy participants per slot").
        for (var t = 0; t < slots; t++)
        {
            _model.Add(LinearExpr.Sum(busyAt[t]) <= 2 * problem.Tables);
        }
    }

    public CpModel Model => _model;

    /// <summary>The model, or null when some meeting has no allowed slot at all (then no schedule exists).</summary>
    public static DayModel? Create(ScheduleProblem problem) =>
        Enumerable.Range(0, problem.Meetings.Count).Any(m => problem.AllowedSlots(m) == 0) ? null : new DayModel(problem);

    public int MeetingCount(int participant) => _meetingsOf[participant].Count;

    /// <summary>
    /// Constrains the participant's day to one of: back to back from a start in <paramref name="starts"/> (bit i =
    /// the day may start at slot i; only starts whose window its meetings can fill are offered), two blocks with one
    /// hole between them (if <paramref name="maySplit"/>; the returned literal is true then), or anything while
    /// <paramref name="free"/> is true. Returns null when splitting is not allowed.
    /// </summary>
    public BoolVar? ShapeDay(int participant, ulong starts, bool maySplit, BoolVar? free)
    {
        var meetings = _meetingsOf[participant];
        var count = meetings.Count;
        var slots = _problem.SlotCount;
        var cover = Enumerable.Range(0, slots).Select(_ => new List<ILiteral>()).ToArray();
        var options = new List<ILiteral>();
        // A window its meetings cannot fill (each in an allowed slot, a matching) is no option: say, a day wholly in the
        // morning for a participant with an afternoon-only meeting. CP-SAT would learn this slowly.
        foreach (var window in _problem.CompactWindows(meetings))
        {
            var i = BitOperations.TrailingZeroCount(window);
            if ((starts & (1UL << i)) != 0)
            {
                var start = _model.NewBoolVar($"p{participant}s{i}");
                options.Add(start);
                for (var t = i; t < i + count; t++)
                {
                    cover[t].Add(start);
                }
            }
        }
        BoolVar? split = null;
        if (maySplit && count >= 2)
        {
            split = _model.NewBoolVar($"p{participant}split");
            options.Add(split);
            AddTwoBlocks(split, participant, count, cover);
        }
        if (free is not null)
        {
            options.Add(free);
        }
        _model.Add(LinearExpr.Sum(options) == 1);
        for (var t = 0; t < slots; t++)
        {
            var fill = _busy[participant, t] is { } busy
                ? _model.Add(busy == LinearExpr.Sum(cover[t]))
                : _model.Add(LinearExpr.Sum(cover[t]) == 0);
            if (free is not null)
            {
                fill.OnlyEnforceIf(free.Not());
            }
        }
        return split;
    }

    /// <summary>
    /// When <paramref name="split"/> holds, the day is a first block of l slots and a second of count - l, with at
    /// least one idle slot between them: one literal per block length and start, each block's slots in its cover.
    /// </summary>
    private void AddTwoBlocks(BoolVar split, int participant, int count, List<ILiteral>[] cover)
    {
        var slots = _problem.SlotCount;
        bool Coverable(int start, int length) => Enumerable.Range(start, length).All(t => _busy[participant, t] is not null);
        var firsts = new List<BoolVar>();
        var seconds = new List<BoolVar>();
        var firstEnds = new List<long>();
        var secondStarts = new List<long>();
        for (var length = 1; length < count; length++)
        {
            var first = new List<BoolVar>();
            var second = new List<BoolVar>();
            var rest = count - length;
            for (var s = 0; s + length + 1 + rest <= slots; s++)
            {
                if (Coverable(s, length))
                {
                    first.Add(Block(s, length, cover));
                    firstEnds.Add(s + length);
                }
            }
            for (var s = length + 1; s + rest <= slots; s++)
            {
                if (Coverable(s, rest))
                {
                    second.Add(Block(s, rest, cover));
                    secondStarts.Add(s);
                }
            }
            _model.Add(LinearExpr.Sum(first) == LinearExpr.Sum(second));   // both blocks of the same split
            firsts.AddRange(first);
            seconds.AddRange(second);
        }
        _model.Add(LinearExpr.Sum(firsts) == split);
        _model.Add(LinearExpr.Sum(seconds) == split);
        _model.Add(LinearExpr.WeightedSum(seconds, secondStarts) >= LinearExpr.WeightedSum(firsts, firstEnds) + split);
    }

    private BoolVar Block(int start, int length, List<ILiteral>[] cover)
    {
        var block = _model.NewBoolVar($"b{start}l{length}");
        for (var t = start; t < start + length; t++)
        {
            cover[t].Add(block);
        }
        return block;
    }

    /// <summary>
    /// Solves on one worker; the slot of every meeting, or null (with <paramref name="infeasible"/> when proven). The
    /// <paramref name="budget"/> counts from the model's creation, so a caller's deadline also covers building it.
    /// <paramref name="parameters"/> are added to CP-SAT's (text format).
    /// </summary>
    public int[]? Solve(TimeSpan budget, CancellationToken cancellationToken, out bool infeasible, string parameters = "")
    {
        var solver = new CpSolver
        {
            // Invariant culture: "0,250" (a comma-decimal locale) would make CP-SAT abort the process.
            StringParameters = string.Create(CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{Math.Max(0.01, (budget - _age.Elapsed).TotalSeconds):F3},num_workers:1,random_seed:1,linearization_level:0 {parameters}"),
        };
        using var registration = cancellationToken.Register(solver.StopSearch);
        var status = cancellationToken.IsCancellationRequested ? CpSolverStatus.Unknown : solver.Solve(_model);
        infeasible = status == CpSolverStatus.Infeasible;
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return null;
        }
        var result = new int[_problem.Meetings.Count];
        for (var m = 0; m < result.Length; m++)
        {
            for (var t = 0; t < _problem.SlotCount; t++)
            {
                if (_at[m, t] is { } literal && solver.BooleanValue(literal))
                {
                    result[m] = t;
                }
            }
        }
        return result;
    }

    private void AtMostOnePerSlot(List<int> meetings)
    {
        for (var t = 0; t < _problem.SlotCount; t++)
        {
            var here = meetings.Where(m => _at[m, t] is not null).Select(m => (ILiteral)_at[m, t]!).ToList();
            if (here.Count > 1)
            {
                _model.AddAtMostOne(here);
            }
        }
    }
}
