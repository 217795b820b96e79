using Matchmaking.Core.Scheduling;

namespace Matchmaking.Tests.Scheduling;

/// <summary>Problems without any valid schedule are refused at once, with the reason, instead of searching the whole budget.</summary>
public sealed class ImpossibleScheduleTests
{
    private const ulong Morning = 0b0011;   // a day of four slots: two in the morning, two in the afternoon
    private const ulong Afternoon = 0b1100;
    private const ulong AllDay = 0b1111;

    private static readonly SolveOptions Quick = new(TimeSpan.FromSeconds(1), Workers: 2);

    private static ScheduleProblem Day(IEnumerable<MeetingSpec> meetings, IEnumerable<(int, int)>? precedences = null, int tables = 4, int participants = 6) =>
        new(4, tables, new ulong[participants], meetings.ToList(), precedences?.ToList() ?? [], new int[participants]);

    [Test]
    public void AMorningMeetingCannotFollowAnAfternoonOne()
    {
        var problem = Day([new MeetingSpec(0, 1, Afternoon), new MeetingSpec(0, 2, Morning)], [(0, 1)]);

        var conflict = PrecedenceCheck.Conflicts(problem).Single();

        Assert.That(conflict, Is.EqualTo(new PrecedenceConflict(Before: 0, After: 1, EarliestBefore: 2, LatestAfter: 1)));
        var error = Assert.Throws<SchedulingException>(() => SlotAssigner.Solve(problem, Quick));
        Assert.That(error!.Message, Is.EqualTo(QuickProof.Find(problem)));
        Assert.That(QuickProof.Find(problem, firstNumber: 1),
            Is.EqualTo("Meeting 2 must come after meeting 1, but the earlier one can take place no sooner than slot 3 and the later one no later than slot 2."));
    }

    [Test]
    public void AChainLongerThanTheDayIsRefused()
    {
        // Five meetings one after another in a four-slot day.
        var problem = Day(Enumerable.Range(1, 5).Select(p => new MeetingSpec(0, p, AllDay)), [(0, 1), (1, 2), (2, 3), (3, 4)]);

        Assert.That(PrecedenceCheck.Conflicts(problem), Is.Not.Empty);
        Assert.Throws<SchedulingException>(() => SlotAssigner.Solve(problem, Quick));
    }

    [Test]
    public void ACycleOfPrecedencesIsRefused()
    {
        var problem = Day([new MeetingSpec(0, 1, AllDay), new MeetingSpec(2, 3, AllDay), new MeetingSpec(4, 5, AllDay)], [(0, 1), (1, 2), (2, 0)]);

        Assert.That(PrecedenceCheck.Conflicts(problem), Is.Not.Empty);
    }

    [Test]
    public void PrecedencesThatFitLeaveNoConflict()
    {
        // Four meetings in a chain fill the day exactly; the afternoon-only one is last.
        var problem = Day([new MeetingSpec(0, 1, AllDay), new MeetingSpec(0, 2, AllDay), new MeetingSpec(0, 3, AllDay), new MeetingSpec(0, 4, Afternoon)],
            [(0, 1), (1, 2), (2, 3)]);

        Assert.That(PrecedenceCheck.Conflicts(problem), Is.Empty);
        var slots = SlotAssigner.Solve(problem, Quick).Slots;
        Assert.That(slots, Is.EqualTo(new[] { 0, 1, 2, 3 }));
    }

    [Test]
    public void MoreMeetingsThanTheirSlotsHoldApartAreRefused()
    {
        // Participant 0 has three morning-only meetings and two morning slots; participant 5's two fit (slots 0 and 1, either way).
        var problem = Day([new MeetingSpec(0, 1, Morning), new MeetingSpec(0, 2, Morning), new MeetingSpec(0, 3, Morning),
            new MeetingSpec(5, 4, 0b0001), new MeetingSpec(5, 2, 0b0011)]);

        var overbooked = OverbookedCheck.Find(problem);

        Assert.That(overbooked, Is.EqualTo(new[] { new OverbookedParticipant(0, 3, 2) }));
        var error = Assert.Throws<SchedulingException>(() => SlotAssigner.Solve(problem, Quick));
        Assert.That(error!.Message, Does.StartWith("Participant 0 has 3 meetings"));
    }

    [Test]
    public void MatchingFindsRoomAGreedyChoiceWouldMiss()
    {
        // Taking slot 0 for the first meeting would leave the second none; a matching moves it to slot 1.
        var problem = Day([new MeetingSpec(0, 1, 0b0011), new MeetingSpec(0, 2, 0b0001)]);

        Assert.That(OverbookedCheck.Find(problem), Is.Empty);
    }

    [Test]
    public void MoreMeetingsFixedInASlotThanTablesAreRefused()
    {
        var problem = Day([new MeetingSpec(0, 1, AllDay, FixedSlot: 0), new MeetingSpec(2, 3, AllDay, FixedSlot: 0), new MeetingSpec(4, 5, 0b0001)],
            tables: 2);

        Assert.That(OverbookedCheck.FullSlots(problem).Single().Meetings, Is.EqualTo(new[] { 0, 1, 2 }));
        var error = Assert.Throws<SchedulingException>(() => SlotAssigner.Solve(problem, Quick));
        Assert.That(error!.Message, Is.EqualTo("Slot 0 has 3 meetings that can take no other slot, and 2 tables."));
    }

    [Test]
    public void ContradictionsNoQuickCheckSeesAreProvenByCpSat()
    {
        // Three meetings of six different participants, each only in slot 0 or 1, and one table: two places for three
        // meetings. No participant is overbooked, no meeting is bound to one slot, there is no precedence: CP-SAT proves it.
        var problem = Day([new MeetingSpec(0, 1, 0b0011), new MeetingSpec(2, 3, 0b0011), new MeetingSpec(4, 5, 0b0011)], tables: 1);

        Assert.That(OverbookedCheck.Find(problem), Is.Empty);
        Assert.That(OverbookedCheck.FullSlots(problem), Is.Empty);
        var error = Assert.Throws<SchedulingException>(() => SlotAssigner.Solve(problem, Quick));
        Assert.That(error!.Message, Does.Contain("CP-SAT proved it"));
    }

    [Test]
    public void APackedDayWithPrecedencesGetsAValidSchedule()
    {
        // A round robin of 12 participants in 11 slots with 6 tables: everyone meets in every slot and every table is
        // taken. Precedences copied from one valid round robin (each meeting of participant 0 after the one before).
        const int people = 12, slots = 11;
        var meetings = new List<MeetingSpec>();
        var slotOf = new List<int>();
        for (var round = 0; round < slots; round++)
        {
            // Circle method: participant 11 stays, the others turn.
            meetings.Add(new MeetingSpec(people - 1, round, (1UL << slots) - 1));
            slotOf.Add(round);
            for (var k = 1; k < people / 2; k++)
            {
                meetings.Add(new MeetingSpec((round + k) % (people - 1), (round - k + people - 1) % (people - 1), (1UL << slots) - 1));
                slotOf.Add(round);
            }
        }
        var random = new Random(7);
        var precedences = new List<(int, int)>();
        for (var p = 0; p < people; p++)
        {
            var own = Enumerable.Range(0, meetings.Count).Where(m => meetings[m].A == p || meetings[m].B == p).OrderBy(m => slotOf[m]).ToList();
            precedences.AddRange(own.Zip(own.Skip(1)).Where(_ => random.NextDouble() < 0.25));
        }
        var problem = new ScheduleProblem(slots, people / 2, new ulong[people], meetings, precedences, new int[people]);

        var solution = SlotAssigner.Solve(problem, Quick);

        var placed = solution.Slots.Select((s, m) => new Placement(s, 1 + meetings.Take(m).Where((_, i) => solution.Slots[i] == s).Count())).ToList();
        Assert.That(ScheduleChecker.Violations(problem, placed), Is.Empty);
        Assert.That(solution.Holes, Is.Zero, "a packed day has no idle slot at all");
    }
}
