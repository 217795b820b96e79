using System.Numerics;
using Google.OrTools.Sat;

namespace Matchmaking.Core.Scheduling;

/// <summary>
/// Exact improvement of a schedule within a neighbourhood CP-SAT decides in a fraction of a second: every participant
/// whose day is back to back stays back to back, starting at most <c>shift</c> slots from where it starts now; each
/// participant with a hole may become back to back anywhere or keep exactly one hole (two blocks), and fewer of them
/// than the schedule has holes keep one. Any meeting may move to any slot. The annealing rarely gets there by itself:
/// such a step moves dozens of meetings at once, and most single moves on the way open holes. A wider variant lets
/// the partners of the participants with a hole start their day anywhere (a hole often stays because one of them
/// would have to move far).
/// </summary>
public static class WindowSearch
{
    /// <param name="freePartners">Whether the participants who meet one with a hole may start their day anywhere.</param>
    /// <returns>
    /// A schedule with fewer holes than <paramref name="slots"/> in that neighbourhood; or null, with
    /// <paramref name="refuted"/> set when CP-SAT proved that the neighbourhood has none (a wider shift may).
    /// </returns>
    public static int[]? Improve(ScheduleProblem problem, IReadOnlyList<int> slots, int shift, TimeSpan budget, CancellationToken cancellationToken, out bool refuted, bool freePartners = false)
    {
        refuted = false;
        var occupied = problem.Days(slots);
        var holes = occupied.Sum(HoleCount.Of);
        if (holes == 0 || DayModel.Create(problem) is not { } day)
        {
            return null;
        }
        var free = new bool[problem.ParticipantCount];
        foreach (var meeting in freePartners ? problem.Meetings : [])
        {
            free[meeting.A] |= HoleCount.Of(occupied[meeting.B]) > 0;
            free[meeting.B] |= HoleCount.Of(occupied[meeting.A]) > 0;
        }
        var splits = new List<ILiteral>();
        for (var participant = 0; participant < problem.ParticipantCount; participant++)
        {
            if (day.MeetingCount(participant) < 2)
            {
                continue;
            }
            var day0 = occupied[participant];
            if (HoleCount.Of(day0) > 0)
            {
                splits.Add(day.ShapeDay(participant, ulong.MaxValue, maySplit: true, free: null)!);
                continue;
            }
            var first = BitOperations.TrailingZeroCount(day0);
            var from = Math.Max(0, first - shift);
            var to = Math.Min(problem.SlotCount - 1, first + shift);
            var width = to - from + 1;
            var starts = free[participant] || width == 64 ? ulong.MaxValue : ((1UL << width) - 1) << from;
            day.ShapeDay(participant, starts, maySplit: false, free: null);
        }
        day.Model.Add(LinearExpr.Sum(splits) <= holes - 1);
        // Without probing and symmetry detection in presolve: on these models they cost more than they save (half the
        // time, measured on schedules of the b2bsp instances; not so for CompactCheck's, which keep the defaults).
        return day.Solve(budget, cancellationToken, out refuted, "cp_model_probing_level:0 symmetry_level:0");
    }
}
