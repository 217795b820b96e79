using Matchmaking.Core.Scheduling;

namespace Matchmaking.Tests.Scheduling;

public sealed class SlotAssignerTests
{
    private static readonly SolveOptions Quick = new(TimeSpan.FromSeconds(1), Workers: 1);

    [Test]
    public void AStarOfMeetingsIsPlacedBackToBack()
    {
        // One exhibitor meets four visitors in a six-slot day: four consecutive slots, no hole.
        var problem = ScheduleProblem.Simple(5, 6, 3, [(0, 1), (0, 2), (0, 3), (0, 4)]);

        var solution = SlotAssigner.Solve(problem, Quick);

        Assert.That(ScheduleChecker.Violations(problem, SmallEvents.Placed(solution.Slots)), Is.Empty);
        Assert.That(solution.Holes, Is.Zero);
        Assert.That(solution.LowerBound, Is.Zero);
    }

    [Test]
    public void FixedSlotsPrecedencesAndUnavailabilityAreKept()
    {
        var all = 0b1111UL;
        var problem = new ScheduleProblem(4, 2, [0b0001, 0, 0, 0],
            [new MeetingSpec(0, 1, all), new MeetingSpec(0, 2, all, FixedSlot: 3), new MeetingSpec(1, 2, all)],
            [(2, 0)], new int[3]);

        var slots = SlotAssigner.Solve(problem, Quick).Slots;

        Assert.That(ScheduleChecker.Violations(problem, SmallEvents.Placed(slots)), Is.Empty);
        Assert.That(slots[1], Is.EqualTo(3));
        Assert.That(slots[0], Is.Not.Zero, "participant 0 is away in slot 0");
        Assert.That(slots[2], Is.LessThan(slots[0]));
    }

    [Test]
    public void AMeetingNobodyCanAttendIsRefusedWithTheReason()
    {
        var problem = new ScheduleProblem(2, 1, [0b01, 0b10], [new MeetingSpec(0, 1, 0b11)], [], new int[2]);

        var error = Assert.Throws<SchedulingException>(() => SlotAssigner.Solve(problem, Quick));

        Assert.That(error!.Message, Is.EqualTo("Meeting 0 has no slot both participants can attend."));
    }

    [Test]
    public void WhenHolesCannotBeAvoidedTheExactCheckProvesIt()
    {
        // Participant 0 meets 1 and 2, but 0 is free only in slots 0 and 2: one hole is forced.
        var problem = new ScheduleProblem(3, 2, [0b010, 0, 0], [new MeetingSpec(0, 1, 0b111), new MeetingSpec(0, 2, 0b111)], [], new int[3]);

        var solution = SlotAssigner.Solve(problem, Quick with { Workers = 2 });

        Assert.That(solution.Holes, Is.EqualTo(1));
        Assert.That(solution.LowerBound, Is.EqualTo(1));
    }

    [Test]
    public void TheExactCheckProvesBoundsAboveOne()
    {
        // Participants 0 and 3 are each free only in slots 0 and 2 of a three-slot day and meet two others each:
        // each has one hole whatever happens, so two holes are the optimum.
        var problem = new ScheduleProblem(3, 4, [0b010, 0, 0, 0b010, 0, 0],
            [new MeetingSpec(0, 1, 0b111), new MeetingSpec(0, 2, 0b111), new MeetingSpec(3, 4, 0b111), new MeetingSpec(3, 5, 0b111)],
            [], new int[6]);

        Assert.That(CompactCheck.Solve(problem, 0, TimeSpan.FromSeconds(5), default, out var none), Is.Null);
        Assert.That(none, Is.True, "nobody with a hole: impossible");
        Assert.That(CompactCheck.Solve(problem, 1, TimeSpan.FromSeconds(5), default, out var one), Is.Null);
        Assert.That(one, Is.True, "one participant with a hole: impossible");
        var two = CompactCheck.Solve(problem, 2, TimeSpan.FromSeconds(5), default, out _);
        Assert.That(two, Is.Not.Null);
        Assert.That(ScheduleChecker.Violations(problem, SmallEvents.Placed(two!)), Is.Empty);

        var solution = SlotAssigner.Solve(problem, Quick with { Workers = 2 });

        Assert.That(solution.Holes, Is.EqualTo(2));
        Assert.That(solution.LowerBound, Is.EqualTo(2));
    }

    [Test]
    public void WhereTheCountOfHolesByShapeFallsShortItStillRaisesTheBound()
    {
        // Participant 0 is free only in slots 0, 2, 4 and 6 and meets four others: three holes. The count by day shape
        // gives any day of three blocks or more 2, so "at most 2 holes" has a relaxed answer; "at most 1" is refuted,
        // which proves 2, one more than counting participants does.
        var problem = new ScheduleProblem(7, 4, [0b0101010, 0, 0, 0, 0],
            [new MeetingSpec(0, 1, 0b1111111), new MeetingSpec(0, 2, 0b1111111), new MeetingSpec(0, 3, 0b1111111), new MeetingSpec(0, 4, 0b1111111)],
            [], new int[5]);

        var solution = SlotAssigner.Solve(problem, new SolveOptions(TimeSpan.FromSeconds(3), Workers: 2));

        Assert.That(ScheduleChecker.Violations(problem, SmallEvents.Placed(solution.Slots)), Is.Empty);
        Assert.That(solution.Holes, Is.EqualTo(3));
        Assert.That(solution.LowerBound, Is.EqualTo(2));
    }

    [Test]
    public void AnOptimumThatGivesSomeoneTwoHolesIsProven()
    {
        // One table, five slots, five meetings: every slot is taken. Participant 4's two meetings are fixed in slots 1
        // and 3 (one hole, forced), so participant 0's three meetings take slots 0, 2 and 4: two holes, three in all.
        // Counting participants proves only 2 (both must have a hole). With the search at 3, no schedule gives two
        // participants one hole each: that proves 3.
        var all = 0b11111UL;
        var problem = new ScheduleProblem(5, 1, new ulong[7],
            [new MeetingSpec(0, 1, all), new MeetingSpec(0, 2, all), new MeetingSpec(0, 3, all),
                new MeetingSpec(4, 5, all, FixedSlot: 1), new MeetingSpec(4, 6, all, FixedSlot: 3)],
            [], new int[7]);

        var solution = SlotAssigner.Solve(problem, new SolveOptions(TimeSpan.FromSeconds(5), Workers: 2));

        Assert.That(ScheduleChecker.Violations(problem, SmallEvents.Placed(solution.Slots)), Is.Empty);
        Assert.That(solution.Holes, Is.EqualTo(3));
        Assert.That(solution.LowerBound, Is.EqualTo(3));
    }

    [Test]
    public void ABoundAboveTheParticipantsCountNeverPassesTheOptimum()
    {
        // On small busy events where at least two participants must have a hole, the bound is asked with one hole each
        // at once (two threads); "none" there raises the bound on holes past the count of participants. Against every
        // assignment: the bound never passes the fewest holes, and it is raised where the optimum needs someone with
        // two holes.
        var random = new Random(20261128);
        var (asked, raised) = (0, 0);
        for (var instance = 0; asked < 40 && instance < 2000; instance++)
        {
            var problem = SmallEvents.Busy(random);
            var valid = SmallEvents.ValidAssignments(problem);
            var withHoles = valid.Count == 0 ? 0 : valid.Min(slots => SmallEvents.WithHoles(problem, slots));
            if (withHoles < 2)
            {
                continue;
            }
            asked++;
            var fewest = valid.Min(slots => problem.Days(slots).Sum(HoleCount.Of));

            var options = new SolveOptions(TimeSpan.FromSeconds(1), Seed: instance, Workers: 2);

            var solution = SlotAssigner.Solve(problem, options);

            var placed = SmallEvents.Placed(solution.Slots);
            Assert.That(ScheduleChecker.Violations(problem, placed), Is.Empty, $"instance {instance}");
            Assert.That(solution.Holes, Is.EqualTo(fewest), $"instance {instance}: the search reaches the optimum");
            Assert.That(solution.LowerBound, Is.LessThanOrEqualTo(fewest), $"instance {instance}: a bound, not more");
            raised += solution.LowerBound > withHoles ? 1 : 0;
        }
        Assert.That(asked, Is.EqualTo(40));
        Assert.That(raised, Is.GreaterThan(0), "some optimum gives a participant two holes, and that is proven");
    }

    [Test]
    [SetCulture("de-DE")]
    public void TheExactCheckRunsUnderACommaDecimalCulture()
    {
        // CP-SAT reads its time limit from text: "0,250" would abort the whole process.
        var problem = ScheduleProblem.Simple(3, 4, 2, [(0, 1), (0, 2)]);

        var slots = CompactCheck.Solve(problem, 0, TimeSpan.FromSeconds(0.25), default, out _);

        Assert.That(slots, Is.Not.Null);
        Assert.That(HoleCount.Of((1UL << slots![0]) | (1UL << slots[1])), Is.Zero);
    }

    [Test]
    public void ADayForcedIntoThreeBlocksCountsTwoHolesInTheBound()
    {
        // Participant 0 is free only in slots 0, 2 and 4 and meets three others: two holes, both its own. Counting
        // participants with a hole proves only one; counting by day shape proves both, and the search stops there.
        var problem = new ScheduleProblem(5, 4, [0b01010, 0, 0, 0],
            [new MeetingSpec(0, 1, 0b11111), new MeetingSpec(0, 2, 0b11111), new MeetingSpec(0, 3, 0b11111)], [], new int[4]);
        var budget = TimeSpan.FromSeconds(10);

        var solution = SlotAssigner.Solve(problem, new SolveOptions(budget, Workers: 2));

        Assert.That(ScheduleChecker.Violations(problem, SmallEvents.Placed(solution.Slots)), Is.Empty);
        Assert.That(solution.Holes, Is.EqualTo(2));
        Assert.That(solution.LowerBound, Is.EqualTo(2));
        Assert.That(solution.Seconds, Is.LessThan(budget.TotalSeconds), "a proven optimum ends the search");
    }

    [Test]
    public void PinnedMeetingsKeepTheirSlots()
    {
        var problem = ScheduleProblem.Simple(4, 5, 2, [(0, 1), (2, 3), (0, 2)]);

        var slots = SlotAssigner.Solve(problem, Quick with { Initial = [4, 1, -1], Pinned = [true, true, false] }).Slots;

        Assert.That(slots[0], Is.EqualTo(4));
        Assert.That(slots[1], Is.EqualTo(1));
        Assert.That(ScheduleChecker.Violations(problem, SmallEvents.Placed(slots)), Is.Empty);
    }

    [Test]
    public void RandomFeasibleInstancesAlwaysGetValidSchedules()
    {
        // Property test: each instance is built around a hidden valid schedule, so it is feasible; the solver's answer
        // must pass the independent checker and have no more holes than the hidden schedule plus what search misses.
        var random = new Random(20261126);
        var checkedInstances = 0;
        for (var instance = 0; instance < 1000; instance++)
        {
            var (problem, planted) = RandomInstance(random);
            var solution = SlotAssigner.Solve(problem, new SolveOptions(TimeSpan.FromMilliseconds(20), Seed: instance, Workers: 1));

            var violations = ScheduleChecker.Violations(problem, SmallEvents.Placed(solution.Slots));
            Assert.That(violations, Is.Empty, $"instance {instance}: {string.Join("; ", violations)}");
            Assert.That(ScheduleChecker.Violations(problem, SmallEvents.Placed(planted)), Is.Empty, "the planted schedule is valid");
            checkedInstances++;
        }
        Assert.That(checkedInstances, Is.EqualTo(1000));
    }

    [Test]
    public void TheCheckerCatchesEveryPlantedViolation()
    {
        var random = new Random(7);
        for (var instance = 0; instance < 2000; instance++)
        {
            var (problem, planted) = RandomInstance(random);
            var broken = SmallEvents.Placed(planted);
            var m = random.Next(problem.Meetings.Count);
            var meeting = problem.Meetings[m];
            var other = Enumerable.Range(0, problem.Meetings.Count).FirstOrDefault(o => o != m && (problem.Meetings[o].A == meeting.A || problem.Meetings[o].B == meeting.A), -1);
            if (other < 0)
            {
                continue;
            }
            // Put the meeting in the same slot as another meeting of the same participant: a double booking.
            broken[m] = broken[m] with { Slot = broken[other].Slot };

            Assert.That(ScheduleChecker.Violations(problem, broken), Is.Not.Empty, $"instance {instance}");
        }
    }

    /// <summary>A random valid schedule first, then a problem it satisfies: meetings, unavailability, a few fixed slots and precedences.</summary>
    internal static (ScheduleProblem Problem, int[] Planted) RandomInstance(Random random)
    {
        var participants = random.Next(4, 16);
        var slots = random.Next(3, 10);
        var tables = random.Next(1, 5);
        var busy = new HashSet<(int, int)>();
        var perSlot = new int[slots];
        var meetings = new List<(int A, int B, int Slot)>();
        for (var tries = 0; tries < participants * 4; tries++)
        {
            var a = random.Next(participants);
            var b = random.Next(participants);
            var s = random.Next(slots);
            if (a == b || perSlot[s] >= tables || busy.Contains((a, s)) || busy.Contains((b, s)) || meetings.Any(x => (x.A, x.B) == (a, b) || (x.A, x.B) == (b, a)))
            {
                continue;
            }
            busy.Add((a, s));
            busy.Add((b, s));
            perSlot[s]++;
            meetings.Add((a, b, s));
        }
        var unavailable = new ulong[participants];
        for (var p = 0; p < participants; p++)
        {
            for (var s = 0; s < slots; s++)
            {
                if (!busy.Contains((p, s)) && random.Next(5) == 0)
                {
                    unavailable[p] |= 1UL << s;
                }
            }
        }
        var all = (1UL << slots) - 1;
        var specs = meetings.Select(m =>
        {
            var session = random.Next(4) == 0 ? (m.Slot < slots / 2 ? (1UL << (slots / 2)) - 1 : all & ~((1UL << (slots / 2)) - 1)) : all;
            return new MeetingSpec(m.A, m.B, session, random.Next(10) == 0 ? m.Slot : null);
        }).ToList();
        var precedences = new List<(int, int)>();
        for (var i = 0; i < meetings.Count && precedences.Count < 3; i++)
        {
            var j = random.Next(meetings.Count);
            if (meetings[i].Slot < meetings[j].Slot)
            {
                precedences.Add((i, j));
            }
        }
        var problem = new ScheduleProblem(slots, tables, unavailable, specs, precedences, new int[participants]);
        return (problem, meetings.Select(m => m.Slot).ToArray());
    }
}
