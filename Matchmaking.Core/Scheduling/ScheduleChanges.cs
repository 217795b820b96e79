namespace Matchmaking.Core.Scheduling;

/// <summary>One meeting's change between two versions; null slot or table where it did not exist.</summary>
public sealed record MeetingChange(long ParticipantAId, long ParticipantBId, int? FromSlot, int? ToSlot, int? FromTable, int? ToTable, string? Why = null);

/// <summary>What a repair did: meetings kept in place, moved, added, and dropped (with why).</summary>
public sealed record ScheduleChanges(int Kept, IReadOnlyList<MeetingChange> Moved, IReadOnlyList<MeetingChange> Added, IReadOnlyList<MeetingChange> Dropped)
{
    /// <summary>Compares a repaired plan with the meetings of the version it repaired (cancelled ones included).</summary>
    public static ScheduleChanges Between(IReadOnlyList<PlannedMeeting> before, IReadOnlyCollection<(long A, long B)> cancelled, PlannedSchedule after)
    {
        static (long, long) Key(long a, long b) => a < b ? (a, b) : (b, a);
        var old = before.ToDictionary(m => Key(m.ParticipantAId, m.ParticipantBId));
        var now = after.Meetings.ToDictionary(m => Key(m.ParticipantAId, m.ParticipantBId));
        var cancelledKeys = cancelled.Select(c => Key(c.A, c.B)).ToHashSet();
        var unplaced = after.Unplaced.GroupBy(u => Key(u.ParticipantAId, u.ParticipantBId)).ToDictionary(g => g.Key, g => g.First().Why);
        var kept = 0;
        var moved = new List<MeetingChange>();
        var added = new List<MeetingChange>();
        foreach (var (key, meeting) in now)
        {
            if (!old.TryGetValue(key, out var was))
            {
                added.Add(new MeetingChange(meeting.ParticipantAId, meeting.ParticipantBId, null, meeting.Slot, null, meeting.Table));
            }
            else if (was.Slot != meeting.Slot || was.Table != meeting.Table)
            {
                moved.Add(new MeetingChange(meeting.ParticipantAId, meeting.ParticipantBId, was.Slot, meeting.Slot, was.Table, meeting.Table));
            }
            else
            {
                kept++;
            }
        }
        var dropped = old.Where(o => !now.ContainsKey(o.Key)).Select(o => new MeetingChange(o.Value.ParticipantAId, o.Value.ParticipantBId,
            o.Value.Slot, null, o.Value.Table, null,
            cancelledKeys.Contains(o.Key) ? "Cancelled." : unplaced.GetValueOrDefault(o.Key, "One of them left the event, or the pair is now avoided."))).ToList();
        return new ScheduleChanges(kept, moved, added, dropped);
    }
}
