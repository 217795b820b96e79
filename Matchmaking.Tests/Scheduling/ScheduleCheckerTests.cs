using Matchmaking.Core.Scheduling;

namespace Matchmaking.Tests.Scheduling;

public sealed class ScheduleCheckerTests
{
    // Participants 0-3; meetings 0:(0,1) 1:(0,2) 2:(1,3); 3 slots, 2 tables.
    private static ScheduleProblem Problem(ulong[]? unavailable = null, int?[]? fixedSlots = null, (int, int)[]? precedences = null, int[]? hosts = null) =>
        new(3, 2, unavailable ?? new ulong[4],
            [new MeetingSpec(0, 1, 0b111, fixedSlots?[0]), new MeetingSpec(0, 2, 0b011, fixedSlots?[1]), new MeetingSpec(1, 3, 0b111, fixedSlots?[2])],
            precedences ?? [], hosts ?? new int[4]);

    private static readonly Placement[] Valid = [new(0, 1), new(1, 1), new(1, 2)];

    [Test]
    public void AValidScheduleHasNoViolations() => Assert.That(ScheduleChecker.Violations(Problem(), Valid), Is.Empty);

    [Test]
    public void ADoubleBookingIsFound() =>
        Assert.That(ScheduleChecker.Violations(Problem(), [new(0, 1), new(0, 2), new(1, 1)]), Has.Some.Contains("Participant 0"));

    [Test]
    public void ASlotOutsideTheSessionWishIsFound() =>
        Assert.That(ScheduleChecker.Violations(Problem(), [new(0, 1), new(2, 1), new(1, 1)]), Has.Some.Contains("session wish"));

    [Test]
    public void AnUnavailableParticipantIsFound() =>
        Assert.That(ScheduleChecker.Violations(Problem(unavailable: [0, 0, 0, 0b010]), Valid), Has.Some.Contains("participant 3 is unavailable"));

    [Test]
    public void AMovedFixedMeetingIsFound() =>
        Assert.That(ScheduleChecker.Violations(Problem(fixedSlots: [2, null, null]), Valid), Has.Some.Contains("fixed to slot 2"));

    [Test]
    public void ABrokenPrecedenceIsFound() =>
        Assert.That(ScheduleChecker.Violations(Problem(precedences: [(1, 0)]), Valid), Has.Some.Contains("must come before"));

    [Test]
    public void TooManyMeetingsInASlotAndASharedTableAreFound()
    {
        var problem = Problem() with { Tables = 1 };

        var violations = ScheduleChecker.Violations(problem, [new(0, 1), new(1, 1), new(1, 1)]);

        Assert.That(violations, Has.Some.Contains("share table 1"));
        Assert.That(violations, Has.Some.Contains("2 meetings for 1 tables"));
    }

    [Test]
    public void AHostMeetingAwayFromItsTableIsFound() =>
        Assert.That(ScheduleChecker.Violations(Problem(hosts: [0, 2, 0, 0]), Valid), Has.Some.Contains("host's table 2"));

    [Test]
    public void FiguresCountHolesSpreadAndMeetings()
    {
        // Participant 0 meets in slots 0 and 2: one hole; everyone else has none.
        var problem = ScheduleProblem.Simple(3, 4, 2, [(0, 1), (0, 2)]);

        var figures = ScheduleChecker.Figures(problem, [new(0, 1), new(2, 1)]);

        Assert.That(figures.Holes, Is.EqualTo(1));
        Assert.That(figures.HolesSpread, Is.EqualTo(1));
        Assert.That((figures.MinMeetings, figures.MaxMeetings), Is.EqualTo((1, 2)));
    }

    [TestCase(0b0UL, 0)]
    [TestCase(0b1UL, 0)]
    [TestCase(0b111UL, 0)]
    [TestCase(0b101UL, 1)]
    [TestCase(0b10001UL, 1)]
    [TestCase(0b1011001UL, 2)]
    public void HolesCountRunsOfIdleSlotsNotIdleSlots(ulong occupied, int holes) => Assert.That(HoleCount.Of(occupied), Is.EqualTo(holes));
}
