using Matchmaking.Core.Scheduling;

namespace Matchmaking.Tests.Scheduling;

/// <summary>Random events small enough to try every assignment, for checking exact models against brute force.</summary>
internal static class SmallEvents
{
    /// <summary>3-6 slots split into a morning and an afternoon, 3-5 participants (a third unavailable in one slot), 2-6 meetings.</summary>
    public static ScheduleProblem Random(Random random)
    {
        var slots = random.Next(3, 7);
        var morning = random.Next(1, slots);
        var all = (1UL << slots) - 1;
        var sessions = new[] { all, (1UL << morning) - 1, all & ~((1UL << morning) - 1) };
        var participants = random.Next(3, 6);
        var unavailable = Enumerable.Range(0, participants).Select(_ => random.Next(3) == 0 ? 1UL << random.Next(slots) : 0UL).ToArray();
        var meetings = new List<MeetingSpec>();
        var count = random.Next(2, 7);
        while (meetings.Count < count)
        {
            var a = random.Next(participants);
            var b = random.Next(participants);
            if (a != b)
            {
                meetings.Add(new MeetingSpec(a, b, sessions[random.Next(3)]));
            }
        }
        return new ScheduleProblem(slots, random.Next(1, 3), unavailable, meetings, [], new int[participants]);
    }

    /// <summary>4-5 slots, 3-4 participants (most unavailable in up to two slots), 3-5 meetings, each of participant 0 or 1.</summary>
    public static ScheduleProblem Busy(Random random)
    {
        var slots = random.Next(4, 6);
        var participants = random.Next(3, 5);
        var unavailable = Enumerable.Range(0, participants)
            .Select(_ => random.Next(3) == 0 ? 0UL : (1UL << random.Next(slots)) | (1UL << random.Next(slots))).ToArray();
        var meetings = new List<MeetingSpec>();
        var count = random.Next(3, 6);
        while (meetings.Count < count)
        {
            var a = random.Next(2);
            var b = random.Next(participants);
            if (a != b)
            {
                meetings.Add(new MeetingSpec(a, b, (1UL << slots) - 1));
            }
        }
        return new ScheduleProblem(slots, random.Next(1, 3), unavailable, meetings, [], new int[participants]);
    }

    /// <summary>Every assignment of meetings to slots that the checker accepts (each a fresh array).</summary>
    public static List<int[]> ValidAssignments(ScheduleProblem problem)
    {
        var n = problem.Meetings.Count;
        var slots = new int[n];
        var valid = new List<int[]>();
        void Place(int m)
        {
            if (m == n)
            {
                if (ScheduleChecker.Violations(problem, Placed(slots)).Count == 0)
                {
                    valid.Add((int[])slots.Clone());
                }
                return;
            }
            for (var t = 0; t < problem.SlotCount; t++)
            {
                if ((problem.AllowedSlots(m) & (1UL << t)) != 0)
                {
                    slots[m] = t;
                    Place(m + 1);
                }
            }
        }
        Place(0);
        return valid;
    }

    /// <summary>How many participants have a hole in the assignment.</summary>
    public static int WithHoles(ScheduleProblem problem, IReadOnlyList<int> slots) =>
        problem.Days(slots).Count(o => HoleCount.Of(o) > 0);

    /// <summary>The slots as placements, each meeting of a slot at its own table.</summary>
    public static Placement[] Placed(IReadOnlyList<int> slots)
    {
        var perSlot = new Dictionary<int, int>();
        return slots.Select(s => new Placement(s, perSlot[s] = perSlot.GetValueOrDefault(s) + 1)).ToArray();
    }
}
