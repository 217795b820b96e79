using System.Numerics;

namespace Matchmaking.Core.Scheduling;

/// <summary>
/// A precedence no schedule can keep: <see cref="After"/> must take place after <see cref="Before"/>, but with the
/// allowed slots and the other precedences, <see cref="Before"/> can take place no earlier than
/// <see cref="EarliestBefore"/> and <see cref="After"/> no later than <see cref="LatestAfter"/> (-1: in no slot at all).
/// </summary>
public sealed record PrecedenceConflict(int Before, int After, int EarliestBefore, int LatestAfter);

/// <summary>
/// Finds precedences that cannot hold, before any search: each meeting's window (earliest and latest allowed slot) is
/// narrowed along the precedence chains until nothing changes. An empty window means no schedule exists, for example a
/// morning-only meeting that must come after an afternoon-only one, a chain longer than the day, or a cycle.
/// </summary>
public static class PrecedenceCheck
{
    /// <returns>The conflicts, empty when every window is non-empty (which does not prove a schedule exists).</returns>
    public static IReadOnlyList<PrecedenceConflict> Conflicts(ScheduleProblem problem)
    {
        if (problem.Precedences.Count == 0)
        {
            return [];
        }
        var n = problem.Meetings.Count;
        var allowed = Enumerable.Range(0, n).Select(problem.AllowedSlots).ToArray();
        var earliest = allowed.Select(mask => mask == 0 ? problem.SlotCount : BitOperations.TrailingZeroCount(mask)).ToArray();
        var latest = allowed.Select(mask => mask == 0 ? -1 : 63 - BitOperations.LeadingZeroCount(mask)).ToArray();
        // Every pass that changes something moves a bound by at least one slot, and a bound stops once its window is
        // empty: at most 2 x meetings x slots passes, however the precedences (even cycles) are given.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (before, after) in problem.Precedences)
            {
                if (earliest[before] > latest[before] || earliest[after] > latest[after])
                {
                    continue;
                }
                if (earliest[after] <= earliest[before])
                {
                    earliest[after] = FirstFrom(allowed[after], earliest[before] + 1, problem.SlotCount);
                    changed = true;
                }
                if (latest[before] >= latest[after])
                {
                    latest[before] = LastUpTo(allowed[before], latest[after] - 1);
                    changed = true;
                }
            }
        }
        return problem.Precedences
            .Where(p => earliest[p.Before] > latest[p.Before] || earliest[p.After] > latest[p.After] || earliest[p.Before] >= latest[p.After])
            .Select(p => new PrecedenceConflict(p.Before, p.After, earliest[p.Before], latest[p.After]))
            .ToList();
    }

    private static int FirstFrom(ulong mask, int slot, int slotCount)
    {
        var rest = slot >= 64 ? 0 : mask & (ulong.MaxValue << slot);
        return rest == 0 ? slotCount : BitOperations.TrailingZeroCount(rest);
    }

    private static int LastUpTo(ulong mask, int slot)
    {
        var rest = slot < 0 ? 0 : slot >= 63 ? mask : mask & ((2UL << slot) - 1);
        return rest == 0 ? -1 : 63 - BitOperations.LeadingZeroCount(rest);
    }
}
