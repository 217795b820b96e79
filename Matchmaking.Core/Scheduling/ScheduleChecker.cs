namespace Matchmaking.Core.Scheduling;

/// <summary>A placed meeting: its slot and 1-based table.</summary>
public readonly record struct Placement(int Slot, int Table);

/// <summary>What a schedule achieves: holes overall, their spread between participants, and meetings per participant.</summary>
public sealed record ScheduleFigures(int Holes, int HolesSpread, int MinMeetings, double MedianMeetings, int MaxMeetings, int[] HolesPerParticipant);

/// <summary>
/// Validates a schedule against every constraint of its problem, written independently of the solver: it reads the
/// raw constraints (sessions, unavailability, fixed slots, precedences, tables, host tables), never the solver's
/// combined masks.
/// </summary>
public static class ScheduleChecker
{
    /// <summary>Every broken constraint, in words; empty when the schedule is valid.</summary>
    public static IReadOnlyList<string> Violations(ScheduleProblem problem, IReadOnlyList<Placement> placements)
    {
        var errors = new List<string>();
        if (placements.Count != problem.Meetings.Count)
        {
            errors.Add($"{placements.Count} placements for {problem.Meetings.Count} meetings.");
            return errors;
        }
        var busy = new Dictionary<(int Participant, int Slot), int>();
        var tablesTaken = new Dictionary<(int Slot, int Table), int>();
        var perSlot = new int[problem.SlotCount];
        for (var i = 0; i < placements.Count; i++)
        {
            var meeting = problem.Meetings[i];
            var (slot, table) = placements[i];
            if (slot < 0 || slot >= problem.SlotCount)
            {
                errors.Add($"Meeting {i} is in slot {slot}, outside 0-{problem.SlotCount - 1}.");
                continue;
            }
            if (meeting.A == meeting.B)
            {
                errors.Add($"Meeting {i} has the same participant on both sides.");
            }
            if ((meeting.SessionSlots & (1UL << slot)) == 0)
            {
                errors.Add($"Meeting {i} is in slot {slot}, outside its session wish.");
            }
            if (meeting.FixedSlot is { } fixedSlot && fixedSlot != slot)
            {
                errors.Add($"Meeting {i} is fixed to slot {fixedSlot} but placed in slot {slot}.");
            }
            foreach (var participant in new[] { meeting.A, meeting.B })
            {
                if ((problem.Unavailable[participant] & (1UL << slot)) != 0)
                {
                    errors.Add($"Meeting {i} is in slot {slot}, when participant {participant} is unavailable.");
                }
                if (!busy.TryAdd((participant, slot), i))
                {
                    errors.Add($"Participant {participant} has meetings {busy[(participant, slot)]} and {i} both in slot {slot}.");
                }
            }
            if (table < 1 || table > problem.Tables)
            {
                errors.Add($"Meeting {i} is at table {table}, outside 1-{problem.Tables}.");
            }
            else if (!tablesTaken.TryAdd((slot, table), i))
            {
                errors.Add($"Meetings {tablesTaken[(slot, table)]} and {i} share table {table} in slot {slot}.");
            }
            var hostTables = new[] { problem.HostTables[meeting.A], problem.HostTables[meeting.B] }.Where(t => t > 0).ToArray();
            if (hostTables.Length > 0 && !hostTables.Contains(table))
            {
                errors.Add($"Meeting {i} is at table {table}, not at its host's table {string.Join(" or ", hostTables)}.");
            }
            perSlot[slot]++;
        }
        for (var slot = 0; slot < problem.SlotCount; slot++)
        {
            if (perSlot[slot] > problem.Tables)
            {
                errors.Add($"Slot {slot} has {perSlot[slot]} meetings for {problem.Tables} tables.");
            }
        }
        foreach (var (before, after) in problem.Precedences)
        {
            if (placements[before].Slot >= placements[after].Slot)
            {
                errors.Add($"Meeting {before} must come before meeting {after}.");
            }
        }
        return errors;
    }

    public static ScheduleFigures Figures(ScheduleProblem problem, IReadOnlyList<Placement> placements)
    {
        var meetings = new int[problem.ParticipantCount];
        for (var i = 0; i < placements.Count; i++)
        {
            meetings[problem.Meetings[i].A]++;
            meetings[problem.Meetings[i].B]++;
        }
        var holes = problem.Days(placements.Select(p => p.Slot).ToList()).Select(HoleCount.Of).ToArray();
        var active = Enumerable.Range(0, problem.ParticipantCount).Where(p => meetings[p] > 0).ToList();
        var counts = meetings.Order().ToArray();
        return new ScheduleFigures(
            holes.Sum(),
            active.Count == 0 ? 0 : active.Max(p => holes[p]) - active.Min(p => holes[p]),
            counts.Length == 0 ? 0 : counts[0],
            counts.Length == 0 ? 0 : counts.Length % 2 == 1 ? counts[counts.Length / 2] : (counts[counts.Length / 2 - 1] + counts[counts.Length / 2]) / 2.0,
            counts.Length == 0 ? 0 : counts[^1],
            holes);
    }
}
