using System.Numerics;
using Matchmaking.Core.Scheduling;

namespace Matchmaking.Tests.Scheduling;

public sealed class WindowSearchTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    [Test]
    public void AHoleClosesWhileTheOtherDaysStayBackToBackNearby()
    {
        // One table, five slots. Participant 0 meets 1 in slot 0 and 2 in slot 2: a hole. Participants 1 (slots 0-1)
        // and 2 (slots 2-3) are back to back. Meeting 1-3 first, then 0-1 and 0-2, then 2-4 closes it.
        var problem = ScheduleProblem.Simple(5, 5, 1, [(0, 1), (0, 2), (1, 3), (2, 4)]);
        int[] slots = [0, 2, 1, 3];

        var better = WindowSearch.Improve(problem, slots, 1, Budget, default, out _);

        Assert.That(better, Is.Not.Null);
        Assert.That(ScheduleChecker.Violations(problem, SmallEvents.Placed(better!)), Is.Empty);
        var before = problem.Days(slots);
        var after = problem.Days(better!);
        Assert.That(after.Sum(HoleCount.Of), Is.Zero);
        foreach (var participant in new[] { 1, 2 })
        {
            Assert.That(Math.Abs(First(after[participant]) - First(before[participant])), Is.LessThanOrEqualTo(1), $"participant {participant}");
        }
    }

    [Test]
    public void AHoleAroundAnUnavailableSlotIsRefuted()
    {
        // Participant 0 cannot come in slot 1 and has two meetings in three slots: its day keeps a hole.
        var problem = new ScheduleProblem(3, 2, [0b010, 0, 0], [new MeetingSpec(0, 1, 0b111), new MeetingSpec(0, 2, 0b111)], [], new int[3]);

        Assert.That(WindowSearch.Improve(problem, [0, 2], 3, Budget, default, out var refuted), Is.Null);
        Assert.That(refuted, Is.True);
    }

    [Test]
    public void APartnerFarAwayIsFreedOnlyInTheWideVariant()
    {
        // One table, six slots. Participant 2 can only come in slots 0-1, so 0 meets 2 early (slot 0) and 1 late
        // (slot 4), beside 1's meeting with 3 (slot 5): 0 has a hole. Closing it puts 0-1 next to 0-2, in slot 1 or
        // 2, and 1's day (two meetings back to back, starting at 4) must start at 1 or 2: a shift of 2 at least.
        var problem = new ScheduleProblem(6, 1, [0, 0, 0b111100, 0],
            [new MeetingSpec(0, 1, 0b111111), new MeetingSpec(0, 2, 0b111111), new MeetingSpec(1, 3, 0b111111)], [], new int[4]);
        int[] slots = [4, 0, 5];

        Assert.That(WindowSearch.Improve(problem, slots, 1, Budget, default, out var refuted), Is.Null);
        Assert.That(refuted, Is.True);
        var wide = WindowSearch.Improve(problem, slots, 1, Budget, default, out _, freePartners: true);
        Assert.That(wide, Is.Not.Null);
        Assert.That(ScheduleChecker.Violations(problem, SmallEvents.Placed(wide!)), Is.Empty);
        Assert.That(problem.Days(wide!).Sum(HoleCount.Of), Is.Zero);
        Assert.That(WindowSearch.Improve(problem, slots, 2, Budget, default, out _), Is.Not.Null, "a shift of 2 is enough too");
    }

    [Test]
    public void ItFindsAnImprovementExactlyWhenTheNeighbourhoodHasOne()
    {
        // The neighbourhood of a schedule with h holes: every participant back to back in it stays back to back,
        // starting at most `shift` slots away (anywhere, with free partners, if it meets one with a hole); the others
        // end back to back or with exactly one hole, fewer than h of them. Brute force over every valid assignment
        // says whether one exists; the search must agree.
        var random = new Random(20261127);
        var (found, refuted) = (0, 0);
        for (var instance = 0; instance < 300; instance++)
        {
            var problem = SmallEvents.Random(random);
            var valid = SmallEvents.ValidAssignments(problem);
            var withHoles = valid.Where(s => problem.Days(s).Sum(HoleCount.Of) > 0).ToList();
            if (withHoles.Count == 0)
            {
                continue;
            }
            var start = withHoles[random.Next(withHoles.Count)];
            var shift = random.Next(0, 3);
            foreach (var freePartners in new[] { false, true })
            {
                var exists = valid.Any(s => InNeighbourhood(problem, start, shift, freePartners, s));

                var better = WindowSearch.Improve(problem, start, shift, Budget, default, out var none, freePartners);

                var context = $"instance {instance}, shift {shift}, free partners {freePartners}, from [{string.Join(", ", start)}]";
                if (exists)
                {
                    Assert.That(better, Is.Not.Null, context);
                    Assert.That(ScheduleChecker.Violations(problem, SmallEvents.Placed(better!)), Is.Empty, context);
                    Assert.That(InNeighbourhood(problem, start, shift, freePartners, better!), Is.True, $"{context}: [{string.Join(", ", better!)}]");
                    found++;
                }
                else
                {
                    Assert.That(better, Is.Null, context);
                    Assert.That(none, Is.True, context);
                    refuted++;
                }
            }
        }
        // Both answers occur often enough for the comparison to mean something.
        Assert.That(found, Is.GreaterThan(20));
        Assert.That(refuted, Is.GreaterThan(20));
    }

    private static bool InNeighbourhood(ScheduleProblem problem, int[] start, int shift, bool freePartners, int[] candidate)
    {
        var before = problem.Days(start);
        var after = problem.Days(candidate);
        bool MeetsOneWithAHole(int p) => problem.Meetings.Any(m =>
            (m.A == p && HoleCount.Of(before[m.B]) > 0) || (m.B == p && HoleCount.Of(before[m.A]) > 0));
        var split = 0;
        for (var p = 0; p < problem.ParticipantCount; p++)
        {
            if (BitOperations.PopCount(before[p]) < 2)
            {
                continue;
            }
            var holes = HoleCount.Of(after[p]);
            if (HoleCount.Of(before[p]) == 0)
            {
                if (holes > 0 || (Math.Abs(First(after[p]) - First(before[p])) > shift && !(freePartners && MeetsOneWithAHole(p))))
                {
                    return false;
                }
            }
            else if (holes > 1)
            {
                return false;
            }
            split += holes;
        }
        return split < before.Sum(HoleCount.Of);
    }

    private static int First(ulong day) => BitOperations.TrailingZeroCount(day);
}
