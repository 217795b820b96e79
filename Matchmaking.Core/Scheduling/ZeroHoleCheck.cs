using Google.OrTools.Sat;
using Google.OrTools.Util;

namespace Matchmaking.Core.Scheduling;

/// <summary>
/// Exact check with CP-SAT: can every participant's meetings be consecutive (zero holes)? Each participant gets a
/// window as long as its meeting count; its meetings take distinct slots inside it, so they fill it. Small and tight,
/// this model is decided in well under a second on real events, where a model that counts holes is not.
/// </summary>
public static class ZeroHoleCheck
{
    /// <returns>A zero-hole slot assignment; or null with <paramref name="infeasible"/> set when CP-SAT proved none exists.</returns>
    public static int[]? Solve(ScheduleProblem problem, TimeSpan budget, int workers, CancellationToken cancellationToken, out bool infeasible)
    {
        infeasible = false;
        var model = new CpModel();
        var n = problem.Meetings.Count;
        var slot = new IntVar[n];
        var capacity = model.AddCumulative(problem.Tables);
        for (var m = 0; m < n; m++)
        {
            var allowed = problem.AllowedSlots(m);
            var values = Enumerable.Range(0, problem.SlotCount).Where(t => (allowed & (1UL << t)) != 0).Select(t => (long)t).ToArray();
            if (values.Length == 0)
            {
                infeasible = true;
                return null;
            }
            slot[m] = model.NewIntVarFromDomain(Domain.FromValues(values), $"m{m}");
            capacity.AddDemand(model.NewFixedSizeIntervalVar(slot[m], 1, $"i{m}"), 1);
        }
        foreach (var (before, after) in problem.Precedences)
        {
            model.Add(slot[before] < slot[after]);
        }
        var byParticipant = Enumerable.Range(0, problem.ParticipantCount).Select(_ => new List<int>()).ToArray();
        for (var m = 0; m < n; m++)
        {
            byParticipant[problem.Meetings[m].A].Add(m);
            byParticipant[problem.Meetings[m].B].Add(m);
        }
        foreach (var meetings in byParticipant.Where(l => l.Count > 0))
        {
            if (meetings.Count > problem.SlotCount)
            {
                infeasible = true;
                return null;
            }
            var start = model.NewIntVar(0, problem.SlotCount - meetings.Count, "");
            foreach (var m in meetings)
            {
                model.Add(slot[m] >= start);
                model.Add(slot[m] <= start + meetings.Count - 1);
            }
            model.AddAllDifferent(meetings.Select(m => slot[m]));
        }
        foreach (var sharedTable in Enumerable.Range(0, n).Where(m => problem.RequiredTable(m) > 0).GroupBy(problem.RequiredTable).Where(g => g.Count() > 1))
        {
            model.AddAllDifferent(sharedTable.Select(m => slot[m]));
        }

        var solver = new CpSolver { StringParameters = $"max_time_in_seconds:{budget.TotalSeconds:F3},num_workers:{Math.Max(1, workers)},random_seed:1" };
        using var registration = cancellationToken.Register(solver.StopSearch);
        var status = solver.Solve(model);
        if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
        {
            return slot.Select(v => (int)solver.Value(v)).ToArray();
        }
        infeasible = status == CpSolverStatus.Infeasible;
        return null;
    }
}
