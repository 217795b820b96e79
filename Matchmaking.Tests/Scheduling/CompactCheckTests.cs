using Matchmaking.Core.Scheduling;

namespace Matchmaking.Tests.Scheduling;

public sealed class CompactCheckTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    [Test]
    public void AParticipantWithMorningAndAfternoonMeetingsSpansLunch()
    {
        // Slots 0-1 are the morning, 2-3 the afternoon. Participant 0 meets 1 in the morning and 2 in the afternoon:
        // without a hole, its day is slots 1 and 2.
        var problem = new ScheduleProblem(4, 2, new ulong[3], [new MeetingSpec(0, 1, 0b0011), new MeetingSpec(0, 2, 0b1100)], [], new int[3]);

        var slots = CompactCheck.Solve(problem, 0, Budget, default, out _);

        Assert.That(slots, Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void NoWindowItsMeetingsCanFillMeansAHole()
    {
        // As above, but participant 2 cannot come in slot 2: participant 0's only window (slots 1 and 2) is lost.
        var problem = new ScheduleProblem(4, 2, [0, 0, 0b0100], [new MeetingSpec(0, 1, 0b0011), new MeetingSpec(0, 2, 0b1100)], [], new int[3]);

        Assert.That(CompactCheck.Solve(problem, 0, Budget, default, out var infeasible), Is.Null);
        Assert.That(infeasible, Is.True);
        var withOne = CompactCheck.Solve(problem, 1, Budget, default, out _);
        Assert.That(withOne, Is.Not.Null);
        Assert.That(withOne![0], Is.LessThan(2));
        Assert.That(withOne[1], Is.EqualTo(3));
    }

    [Test]
    public void ItAgreesWithExhaustiveSearchOnRandomSmallEvents()
    {
        var random = new Random(20261127);
        for (var instance = 0; instance < 150; instance++)
        {
            AgreesWithExhaustiveSearch(SmallEvents.Random(random), $"instance {instance}");
        }
    }

    [Test]
    public void ItAgreesWithExhaustiveSearchWhenMeetingsHavePrecedences()
    {
        // One or two precedences per event (an earlier meeting in file order first, so no cycle), with the tables and
        // the busy participants per slot that every exact question shares.
        var random = new Random(20261128);
        for (var instance = 0; instance < 150; instance++)
        {
            var problem = SmallEvents.Random(random);
            var precedences = new List<(int Before, int After)>();
            for (var i = random.Next(1, 3); i > 0; i--)
            {
                var after = random.Next(1, problem.Meetings.Count);
                precedences.Add((random.Next(after), after));
            }
            AgreesWithExhaustiveSearch(problem with { Precedences = precedences }, $"instance {instance}");
        }
    }

    /// <summary>
    /// The fewest participants with a hole, by trying every assignment, against the check's answers for k and k - 1.
    /// </summary>
    private static void AgreesWithExhaustiveSearch(ScheduleProblem problem, string name)
    {
        var fewest = FewestWithHoles(problem);
        if (fewest is null)
        {
            var any = CompactCheck.Solve(problem, problem.ParticipantCount, Budget, default, out var none);
            Assert.That(any, Is.Null, name);
            Assert.That(none, Is.True, $"{name}: no assignment exists");
            return;
        }
        var found = CompactCheck.Solve(problem, fewest.Value, Budget, default, out _);
        Assert.That(found, Is.Not.Null, $"{name}: a schedule with {fewest} participants with holes exists");
        Assert.That(SmallEvents.WithHoles(problem, found!), Is.LessThanOrEqualTo(fewest), name);
        Assert.That(ScheduleChecker.Violations(problem, SmallEvents.Placed(found!)), Is.Empty, name);
        if (fewest > 0)
        {
            var fewer = CompactCheck.Solve(problem, fewest.Value - 1, Budget, default, out var infeasible);
            Assert.That(fewer, Is.Null, name);
            Assert.That(infeasible, Is.True, $"{name}: fewer than {fewest} is impossible");
        }
    }

    [Test]
    public void ADayOfThreeBlocksCountsTwoHoles()
    {
        // Participant 0 is free only in slots 0, 2 and 4 and meets three others: its day is three blocks, two holes.
        var problem = new ScheduleProblem(5, 4, [0b01010, 0, 0, 0],
            [new MeetingSpec(0, 1, 0b11111), new MeetingSpec(0, 2, 0b11111), new MeetingSpec(0, 3, 0b11111)], [], new int[4]);

        Assert.That(CompactCheck.ForcedHoles(problem), Is.EqualTo(new[] { 2, 0, 0, 0 }));
        Assert.That(CompactCheck.Solve(problem, 1, Budget, default, out _), Is.Not.Null, "one participant with a hole: that is all it can prove");
        Assert.That(CompactCheck.SolveCounted(problem, 1, Budget, default, out var infeasible), Is.Null);
        Assert.That(infeasible, Is.True, "one hole: impossible");
        var two = CompactCheck.SolveCounted(problem, 2, Budget, default, out _);
        Assert.That(two, Is.Not.Null);
        Assert.That(problem.Days(two!).Sum(HoleCount.Of), Is.EqualTo(2));
    }

    [Test]
    public void AParticipantsOwnSlotsForceHolesByTheBlocksTheyLeave()
    {
        // Participant 0 is free only in slots 0 and 2: one hole, two blocks. With three meetings in four slots and
        // slot 2 closed: slots 0, 1 and 3, two blocks again. The others meet once or could meet anywhere.
        var twoBlocks = new ScheduleProblem(3, 2, [0b010, 0, 0], [new MeetingSpec(0, 1, 0b111), new MeetingSpec(0, 2, 0b111)], [], new int[3]);
        var threeMeetings = new ScheduleProblem(4, 2, [0b0100, 0, 0, 0],
            [new MeetingSpec(0, 1, 0b1111), new MeetingSpec(0, 2, 0b1111), new MeetingSpec(0, 3, 0b1111)], [], new int[4]);

        Assert.That(CompactCheck.ForcedHoles(twoBlocks), Is.EqualTo(new[] { 1, 0, 0 }));
        Assert.That(CompactCheck.ForcedHoles(threeMeetings), Is.EqualTo(new[] { 1, 0, 0, 0 }));
    }

    [Test]
    public void ADayBackToBackMustFitEveryMeetingInItsOwnAllowedSlot()
    {
        // Participant 0 is away in slot 2 and has three meetings, one of them in the morning (slots 0-4) only. Three
        // consecutive slots without slot 2 start at 3, 4 or 5; from 5 the morning meeting has no slot. Participant 3's
        // one meeting takes any slot both can attend.
        var problem = new ScheduleProblem(8, 4, [0b100, 0, 0, 0],
            [new MeetingSpec(0, 1, 0xFF), new MeetingSpec(0, 2, 0xFF), new MeetingSpec(0, 3, 0b11111)], [], new int[4]);
        var meetingsOf = problem.MeetingsByParticipant();

        Assert.That(problem.CompactWindows(meetingsOf[0]), Is.EqualTo(new[] { 0b111UL << 3, 0b111UL << 4 }));
        Assert.That(problem.CompactWindows(meetingsOf[3]), Is.EqualTo(new[] { 1UL, 1UL << 1, 1UL << 3, 1UL << 4 }));
        Assert.That(problem.CompactWindows([]), Is.Empty);
    }

    [Test]
    public void TheCountedCheckNeverRefutesAReachableNumberOfHoles()
    {
        // Against the fewest holes found by trying every assignment, on small events where the busiest participants
        // cannot come in some slots: no participant is said to be forced to more holes than it can have; the counted
        // check finds a schedule for that number, refutes only fewer, and refutes at least whatever counting
        // participants refutes.
        var random = new Random(20261127);
        var refutedMore = 0;
        for (var instance = 0; instance < 150; instance++)
        {
            var problem = SmallEvents.Busy(random);
            var valid = SmallEvents.ValidAssignments(problem);
            if (valid.Count == 0)
            {
                continue;
            }
            var fewest = valid.Min(slots => problem.Days(slots).Sum(HoleCount.Of));
            var forced = CompactCheck.ForcedHoles(problem);
            for (var participant = 0; participant < problem.ParticipantCount; participant++)
            {
                Assert.That(valid.Min(slots => Math.Min(2, HoleCount.Of(problem.Days(slots)[participant]))), Is.GreaterThanOrEqualTo(forced[participant]),
                    $"instance {instance}, participant {participant}: forced holes are never fewer than it can have");
            }
            Assert.That(CompactCheck.SolveCounted(problem, fewest, Budget, default, out _), Is.Not.Null, $"instance {instance}: {fewest} holes are reachable");
            for (var k = 0; k < fewest; k++)
            {
                var byShape = CompactCheck.SolveCounted(problem, k, Budget, default, out var refuted);
                Assert.That(byShape is not null || refuted, Is.True, $"instance {instance}, k = {k}: decided");
                CompactCheck.Solve(problem, k, Budget, default, out var byParticipants);
                Assert.That(!byParticipants || refuted, Is.True, $"instance {instance}, k = {k}: at least as strong as counting participants");
                refutedMore += refuted && !byParticipants ? 1 : 0;
            }
        }
        Assert.That(refutedMore, Is.GreaterThan(0), "some bound is proven only by counting holes by shape");
    }

    [Test]
    public void TheOneHoleCheckIsExactAtTheParticipantsBound()
    {
        // Against every assignment of small events: at the fewest participants with a hole (h), the one-hole check
        // finds a schedule exactly when h holes are reachable, and that schedule has h holes; otherwise it proves that
        // none exists, since then every schedule with h holes would give h participants one hole each.
        var random = new Random(20261128);
        var (reached, refuted) = (0, 0);
        for (var instance = 0; instance < 300; instance++)
        {
            var problem = instance % 2 == 0 ? SmallEvents.Random(random) : SmallEvents.Busy(random);
            var valid = SmallEvents.ValidAssignments(problem);
            if (valid.Count == 0)
            {
                continue;
            }
            var fewestHoles = valid.Min(slots => problem.Days(slots).Sum(HoleCount.Of));
            var fewestWithHoles = valid.Min(slots => SmallEvents.WithHoles(problem, slots));
            var found = CompactCheck.SolveOneHole(problem, fewestWithHoles, Budget, default, out var infeasible);
            var exists = fewestHoles == fewestWithHoles;
            var what = $"instance {instance}, {fewestWithHoles} holes";
            AssertFoundExactlyWhenExists(problem, found, infeasible, exists, what);
            if (exists)
            {
                Assert.That(problem.Days(found!).Sum(HoleCount.Of), Is.EqualTo(fewestHoles), $"instance {instance}");
                reached++;
            }
            else
            {
                refuted++;
            }
        }
        Assert.That(reached, Is.GreaterThan(0));
        Assert.That(refuted, Is.GreaterThan(0), "some events need a participant with two holes");
    }

    [Test]
    public void TheOneHoleCheckAmongGivenParticipantsMatchesExhaustiveSearch()
    {
        // Only the given participants may have a hole, one each, and at most k of them: found exactly when some valid
        // assignment is like that (and what is found is), refuted otherwise.
        var random = new Random(20261128);
        var (found, refuted) = (0, 0);
        for (var instance = 0; instance < 300; instance++)
        {
            var problem = instance % 2 == 0 ? SmallEvents.Random(random) : SmallEvents.Busy(random);
            var holders = Enumerable.Range(0, problem.ParticipantCount).Where(_ => random.Next(2) == 0).ToHashSet();
            var k = random.Next(holders.Count + 1);
            bool Fits(int[] slots)
            {
                var days = problem.Days(slots);
                var withHoles = Enumerable.Range(0, days.Length).Where(p => HoleCount.Of(days[p]) > 0).ToList();
                return withHoles.Count <= k && withHoles.All(p => holders.Contains(p) && HoleCount.Of(days[p]) == 1);
            }
            var exists = SmallEvents.ValidAssignments(problem).Any(Fits);

            var slots = CompactCheck.SolveOneHoleAmong(problem, holders, k, Budget, default, out var infeasible);

            AssertFoundExactlyWhenExists(problem, slots, infeasible, exists, $"instance {instance}");
            if (exists)
            {
                Assert.That(Fits(slots!), Is.True, $"instance {instance}");
                found++;
            }
            else
            {
                refuted++;
            }
        }
        Assert.That(found, Is.GreaterThan(0));
        Assert.That(refuted, Is.GreaterThan(0));
    }

    /// <summary>A valid schedule when one exists; otherwise none, proven by CP-SAT (not merely out of time).</summary>
    private static void AssertFoundExactlyWhenExists(ScheduleProblem problem, int[]? slots, bool infeasible,
        bool exists, string what)
    {
        if (exists)
        {
            Assert.That(slots, Is.Not.Null, $"{what}: one exists");
            Assert.That(ScheduleChecker.Violations(problem, SmallEvents.Placed(slots!)), Is.Empty, what);
        }
        else
        {
            Assert.That(slots, Is.Null, $"{what}: none exists");
            Assert.That(infeasible, Is.True, $"{what}: decided");
        }
    }

    /// <summary>The fewest participants with a hole over every valid assignment; null when none is valid.</summary>
    private static int? FewestWithHoles(ScheduleProblem problem) =>
        SmallEvents.ValidAssignments(problem).Select(slots => (int?)SmallEvents.WithHoles(problem, slots)).Min();
}
