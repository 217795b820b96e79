using System.Numerics;

namespace Matchmaking.Core.Scheduling;

/// <summary>
/// One meeting to place, between participants <see cref="A"/> and <see cref="B"/> (indexes into the problem's
/// participants). <see cref="SessionSlots"/> are the slots its session wish allows (all slots for "any").
/// </summary>
public sealed record MeetingSpec(int A, int B, ulong SessionSlots, int? FixedSlot = null);

/// <summary>
/// A scheduling problem: meetings to put into slots and tables. Slots are numbered from 0 (at most 64, the width of
/// the masks); a participant is unavailable in the slots of its mask; <c>Precedences</c> are (before, after) meeting
/// indexes; participants with a host table (1-based, 0 for none) hold every meeting at it.
/// </summary>
public sealed record ScheduleProblem(
    int SlotCount,
    int Tables,
    IReadOnlyList<ulong> Unavailable,
    IReadOnlyList<MeetingSpec> Meetings,
    IReadOnlyList<(int Before, int After)> Precedences,
    IReadOnlyList<int> HostTables)
{
    public const int MaxSlots = 64;

    public int ParticipantCount => Unavailable.Count;

    public ulong AllSlots => SlotCount == 64 ? ulong.MaxValue : (1UL << SlotCount) - 1;

    /// <summary>The slots a meeting may take: its session's, free for both participants, and its fixed slot if any.</summary>
    public ulong AllowedSlots(int meeting)
    {
        var m = Meetings[meeting];
        var allowed = m.SessionSlots & AllSlots & ~Unavailable[m.A] & ~Unavailable[m.B];
        return m.FixedSlot is { } fixedSlot ? allowed & (1UL << fixedSlot) : allowed;
    }

    /// <summary>Each participant's meetings (indexes into <see cref="Meetings"/>), in meeting order.</summary>
    public List<int>[] MeetingsByParticipant()
    {
        var byParticipant = Enumerable.Range(0, ParticipantCount).Select(_ => new List<int>()).ToArray();
        for (var m = 0; m < Meetings.Count; m++)
        {
            byParticipant[Meetings[m].A].Add(m);
            byParticipant[Meetings[m].B].Add(m);
        }
        return byParticipant;
    }

    /// <summary>
    /// The back-to-back days the given meetings (of one participant) can fill: each a mask of as many consecutive slots
    /// as there are meetings, in which every meeting takes an allowed slot of its own (a matching). A day wholly in the
    /// morning is no such window for a participant with an afternoon-only meeting, nor one across an unavailable slot.
    /// </summary>
    public ulong[] CompactWindows(IReadOnlyList<int> meetings)
    {
        var count = meetings.Count;
        if (count == 0 || count > SlotCount)
        {
            return [];
        }
        var allowed = meetings.Select(AllowedSlots).ToArray();
        var block = count == 64 ? ulong.MaxValue : (1UL << count) - 1;
        var windows = new List<ulong>();
        for (var start = 0; start + count <= SlotCount; start++)
        {
            var window = block << start;
            if (OverbookedCheck.Placeable(allowed.Select(a => a & window).ToArray()) == count)
            {
                windows.Add(window);
            }
        }
        return [.. windows];
    }

    /// <summary>Each participant's day as a mask of the slots it meets in, given the slot of every meeting.</summary>
    public ulong[] Days(IReadOnlyList<int> slots)
    {
        var days = new ulong[ParticipantCount];
        for (var m = 0; m < slots.Count; m++)
        {
            days[Meetings[m].A] |= 1UL << slots[m];
            days[Meetings[m].B] |= 1UL << slots[m];
        }
        return days;
    }

    /// <summary>The table a meeting must use: the first participant's host table, else the second's; 0 for any.</summary>
    public int RequiredTable(int meeting)
    {
        var m = Meetings[meeting];
        return HostTables[m.A] > 0 ? HostTables[m.A] : HostTables[m.B];
    }

    /// <summary>
    /// A simple problem for tests and tools: no host tables, all participants available, every meeting in any slot.
    /// </summary>
    public static ScheduleProblem Simple(int participants, int slots, int tables, IEnumerable<(int A, int B)> meetings)
    {
        var all = slots == 64 ? ulong.MaxValue : (1UL << slots) - 1;
        return new ScheduleProblem(slots, tables, new ulong[participants], meetings.Select(m => new MeetingSpec(m.A, m.B, all)).ToList(), [], new int[participants]);
    }
}

/// <summary>Idle-time arithmetic on a participant's occupied slots, as a bit mask.</summary>
public static class HoleCount
{
    /// <summary>Holes: each run of idle slots between two meetings counts once, whatever its length.</summary>
    public static int Of(ulong occupied) => occupied == 0 ? 0 : BitOperations.PopCount(occupied & ~(occupied << 1)) - 1;

    /// <summary>Idle slots between the first and the last meeting.</summary>
    public static int IdleSlots(ulong occupied) =>
        occupied == 0 ? 0 : 64 - BitOperations.LeadingZeroCount(occupied) - BitOperations.TrailingZeroCount(occupied) - BitOperations.PopCount(occupied);
}
