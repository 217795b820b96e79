namespace Matchmaking.Core.Scheduling;

/// <summary>
/// The checks that show, before any search, that a problem has no schedule at all: a meeting without an allowed slot,
/// an overbooked participant or slot (<see cref="OverbookedCheck"/>), a precedence no slot order keeps
/// (<see cref="PrecedenceCheck"/>).
/// </summary>
public static class QuickProof
{
    /// <param name="problem">The problem to check.</param>
    /// <param name="firstNumber">How meetings, participants and slots are numbered in the reason: from 0, or from 1 (MiniZinc files).</param>
    /// <returns>Why no schedule exists, as a sentence; null when these checks find nothing (which does not prove a schedule exists).</returns>
    public static string? Find(ScheduleProblem problem, int firstNumber = 0)
    {
        var b = firstNumber;
        if (Enumerable.Range(0, problem.Meetings.Count).FirstOrDefault(m => problem.AllowedSlots(m) == 0, -1) is var stuck and >= 0)
        {
            return $"Meeting {stuck + b} has no slot both participants can attend.";
        }
        if (OverbookedCheck.Find(problem) is [var overbooked, ..])
        {
            return $"Participant {overbooked.Participant + b} has {overbooked.Meetings} meetings, but their allowed slots hold at most " +
                $"{overbooked.Placeable} of them apart.";
        }
        if (OverbookedCheck.FullSlots(problem) is [var full, ..])
        {
            return $"Slot {full.Slot + b} has {full.Meetings.Count} meetings that can take no other slot, and {full.Tables} tables.";
        }
        if (PrecedenceCheck.Conflicts(problem) is [var conflict, ..])
        {
            var windows = conflict.LatestAfter < 0 ? "with the other precedences the later one fits in no slot"
                : conflict.EarliestBefore >= problem.SlotCount ? "with the other precedences the earlier one fits in no slot"
                : $"the earlier one can take place no sooner than slot {conflict.EarliestBefore + b} and the later one no later than slot {conflict.LatestAfter + b}";
            return $"Meeting {conflict.After + b} must come after meeting {conflict.Before + b}, but {windows}.";
        }
        return null;
    }
}
