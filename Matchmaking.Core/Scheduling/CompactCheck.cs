using System.Globalization;
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
        infeasible = false;
        var n = problem.Meetings.Count;
        var slots = problem.SlotCount;
        var model = new CpModel();
        var at = new BoolVar?[n, slots];
        var perSlot = Enumerable.Range(0, slots).Select(_ => new List<ILiteral>()).ToArray();
        var slotOf = new LinearExpr[n];
        for (var m = 0; m < n; m++)
        {
            var allowed = problem.AllowedSlots(m);
            if (allowed == 0)
            {
                infeasible = true;
                return null;
            }
            var literals = new List<BoolVar>();
            var values = new List<long>();
            for (var t = 0; t < slots; t++)
            {
                if ((allowed & (1UL << t)) != 0)
                {
                    var literal = model.NewBoolVar($"m{m}t{t}");
                    at[m, t] = literal;
                    literals.Add(literal);
                    values.Add(t);
                    perSlot[t].Add(literal);
                }
            }
            model.AddExactlyOne(literals);
            slotOf[m] = LinearExpr.WeightedSum(literals, values);
        }
        for (var t = 0; t < slots; t++)
        {
            model.Add(LinearExpr.Sum(perSlot[t]) <= problem.Tables);
        }
        foreach (var (before, after) in problem.Precedences)
        {
            model.Add(slotOf[before] < slotOf[after]);
        }
        foreach (var sharedTable in Enumerable.Range(0, n).Where(m => problem.RequiredTable(m) > 0).GroupBy(problem.RequiredTable).Where(g => g.Count() > 1))
        {
            AtMostOnePerSlot(model, at, sharedTable.ToList(), slots);
        }

        var byParticipant = Enumerable.Range(0, problem.ParticipantCount).Select(_ => new List<int>()).ToArray();
        for (var m = 0; m < n; m++)
        {
            byParticipant[problem.Meetings[m].A].Add(m);
            byParticipant[problem.Meetings[m].B].Add(m);
        }
        var relaxed = new List<ILiteral>();
        for (var participant = 0; participant < byParticipant.Length; participant++)
        {
            var meetings = byParticipant[participant];
            if (meetings.Count < 2)
            {
                continue;
            }
            AtMostOnePerSlot(model, at, meetings, slots);
            var here = Enumerable.Range(0, slots)
                .Select(t => meetings.Where(m => at[m, t] is not null).Select(m => (ILiteral)at[m, t]!).ToList()).ToArray();
            var count = meetings.Count;
            // start[i]: the day runs from slot i to i + count - 1, every one of them taken by one of its meetings.
            // Only windows its meetings can fill (each in an allowed slot): this rules out, say, a day wholly in the
            // morning for a participant with an afternoon-only meeting, which CP-SAT would otherwise learn slowly.
            var allowed = meetings.Select(problem.AllowedSlots).ToArray();
            var window = count == 64 ? ulong.MaxValue : (1UL << count) - 1;
            var starts = Enumerable.Range(0, Math.Max(0, slots - count + 1))
                .Select(i => OverbookedCheck.Placeable(allowed.Select(a => a & (window << i)).ToArray()) == count ? model.NewBoolVar($"s{i}") : model.FalseLiteral())
                .ToArray();
            BoolVar? free = null;
            if (k > 0)
            {
                free = model.NewBoolVar("free");
                relaxed.Add(free);
                model.Add(LinearExpr.Sum(starts) + free == 1);
            }
            else
            {
                model.AddExactlyOne(starts);
            }
            for (var t = 0; t < slots; t++)
            {
                var first = Math.Max(0, t - count + 1);
                var last = Math.Min(t, slots - count);
                var covering = first <= last ? starts[first..(last + 1)] : [];
                var fill = model.Add(LinearExpr.Sum(here[t]) == LinearExpr.Sum(covering));
                if (free is not null)
                {
                    fill.OnlyEnforceIf(free.Not());
                }
            }
        }
        if (k > 0)
        {
            model.Add(LinearExpr.Sum(relaxed) <= k);
        }

        var solver = new CpSolver
        {
            // Invariant culture: "0,250" (a comma-decimal locale) would make CP-SAT abort the process.
            StringParameters = string.Create(CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{Math.Max(0.01, budget.TotalSeconds):F3},num_workers:1,random_seed:1,linearization_level:0"),
        };
        using var registration = cancellationToken.Register(solver.StopSearch);
        var status = solver.Solve(model);
        if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
        {
            var result = new int[n];
            for (var m = 0; m < n; m++)
            {
                for (var t = 0; t < slots; t++)
                {
                    if (at[m, t] is { } literal && solver.BooleanValue(literal))
                    {
                        result[m] = t;
                    }
                }
            }
            return result;
        }
        infeasible = status == CpSolverStatus.Infeasible;
        return null;
    }

    private static void AtMostOnePerSlot(CpModel model, BoolVar?[,] at, List<int> meetings, int slots)
    {
        for (var t = 0; t < slots; t++)
        {
            var here = meetings.Where(m => at[m, t] is not null).Select(m => (ILiteral)at[m, t]!).ToList();
            if (here.Count > 1)
            {
                model.AddAtMostOne(here);
            }
        }
    }
}
