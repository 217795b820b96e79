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
        // The fewest participants with a hole, by trying every assignment, against the check's answers for k and k - 1.
        var random = new Random(20261127);
        for (var instance = 0; instance < 150; instance++)
        {
            var problem = SmallEvents.Random(random);
            var fewest = FewestWithHoles(problem);
            if (fewest is null)
            {
                Assert.That(CompactCheck.Solve(problem, problem.ParticipantCount, Budget, default, out var none), Is.Null, $"instance {instance}");
                Assert.That(none, Is.True, $"instance {instance}: no assignment exists");
                continue;
            }
            var found = CompactCheck.Solve(problem, fewest.Value, Budget, default, out _);
            Assert.That(found, Is.Not.Null, $"instance {instance}: a schedule with {fewest} participants with holes exists");
            Assert.That(WithHoles(problem, found!), Is.LessThanOrEqualTo(fewest), $"instance {instance}");
            Assert.That(ScheduleChecker.Violations(problem, SmallEvents.Placed(found!)), Is.Empty, $"instance {instance}");
            if (fewest > 0)
            {
                Assert.That(CompactCheck.Solve(problem, fewest.Value - 1, Budget, default, out var infeasible), Is.Null, $"instance {instance}");
                Assert.That(infeasible, Is.True, $"instance {instance}: fewer than {fewest} is impossible");
            }
        }
    }

    /// <summary>The fewest participants with a hole over every valid assignment; null when none is valid.</summary>
    private static int? FewestWithHoles(ScheduleProblem problem) =>
        SmallEvents.ValidAssignments(problem).Select(slots => (int?)WithHoles(problem, slots)).Min();

    private static int WithHoles(ScheduleProblem problem, int[] slots) => problem.Days(slots).Count(o => HoleCount.Of(o) > 0);
}
