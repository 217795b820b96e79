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
}
