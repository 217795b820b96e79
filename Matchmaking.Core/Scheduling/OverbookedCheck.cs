using System.Numerics;

namespace Matchmaking.Core.Scheduling;

/// <summary>A participant whose <see cref="Meetings"/> cannot all take different slots: at most <see cref="Placeable"/> can.</summary>
public sealed record OverbookedParticipant(int Participant, int Meetings, int Placeable);

/// <summary>A slot that more meetings can take only there (fixed slots, or one slot free for both) than it has tables.</summary>
public sealed record OverfullSlot(int Slot, IReadOnlyList<int> Meetings, int Tables);

/// <summary>
/// Finds participants with more meetings than their allowed slots can hold apart (a meeting per slot), before any
/// search: for each, a maximum matching of its meetings to their allowed slots (augmenting paths; at most 64 slots).
/// Also finds slots with more meetings that can take no other slot than tables.
/// </summary>
public static class OverbookedCheck
{
    public static IReadOnlyList<OverfullSlot> FullSlots(ScheduleProblem problem) =>
        Enumerable.Range(0, problem.Meetings.Count)
            .Where(m => BitOperations.PopCount(problem.AllowedSlots(m)) == 1)
            .GroupBy(m => BitOperations.TrailingZeroCount(problem.AllowedSlots(m)))
            .Where(g => g.Count() > problem.Tables)
            .Select(g => new OverfullSlot(g.Key, g.ToList(), problem.Tables))
            .ToList();

    public static IReadOnlyList<OverbookedParticipant> Find(ScheduleProblem problem)
    {
        var byParticipant = problem.MeetingsByParticipant();
        var found = new List<OverbookedParticipant>();
        for (var p = 0; p < byParticipant.Length; p++)
        {
            if (byParticipant[p] is not { Count: > 1 } meetings)
            {
                continue;
            }
            var placed = Placeable(meetings.Select(problem.AllowedSlots).ToArray());
            if (placed < meetings.Count)
            {
                found.Add(new OverbookedParticipant(p, meetings.Count, placed));
            }
        }
        return found;
    }

    /// <summary>How many of the meetings can take different slots, each one of its <paramref name="allowed"/> (a maximum matching).</summary>
    public static int Placeable(ulong[] allowed)
    {
        var holder = new int[ScheduleProblem.MaxSlots];   // per slot, the meeting (index into allowed) in it
        Array.Fill(holder, -1);
        var placed = 0;
        for (var i = 0; i < allowed.Length; i++)
        {
            if (Augment(i, allowed, holder, 0UL, out _))
            {
                placed++;
            }
        }
        return placed;
    }

    /// <summary>Finds a slot for meeting i, moving already matched meetings along an augmenting path.</summary>
    private static bool Augment(int i, ulong[] allowed, int[] holder, ulong visited, out ulong seen)
    {
        seen = visited;
        for (var bits = allowed[i] & ~seen; bits != 0; bits &= bits - 1)
        {
            var slot = BitOperations.TrailingZeroCount(bits);
            if ((seen & (1UL << slot)) != 0)
            {
                continue;
            }
            seen |= 1UL << slot;
            if (holder[slot] < 0 || Augment(holder[slot], allowed, holder, seen, out seen))
            {
                holder[slot] = i;
                return true;
            }
        }
        return false;
    }
}
