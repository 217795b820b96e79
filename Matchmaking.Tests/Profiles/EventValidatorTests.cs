using Matchmaking.Core.Profiles;

namespace Matchmaking.Tests.Profiles;

public sealed class EventValidatorTests
{
    private static EventInput Valid(params SessionInput[] sessions) => new(
        "Day", "Topic", "matchmaking", "Europe/Madrid",
        sessions.Length > 0 ? sessions : [new SessionInput("morning", new DateTime(2027, 3, 18, 9, 0, 0), new DateTime(2027, 3, 18, 12, 0, 0))],
        20, 5, 10, null);

    [Test]
    public void AValidInputBecomesASpecWithDefaults()
    {
        var errors = new ValidationErrors();

        var spec = EventValidator.Validate(Valid(), errors);

        Assert.That(errors.IsEmpty, Is.True);
        Assert.That(spec!.Format, Is.EqualTo(EventFormat.Matchmaking));
        Assert.That(spec.Rules.CrossSideOnly, Is.True);
        Assert.That(spec.Rules.MaxMeetings, Is.Null);
    }

    [Test]
    public void OverlappingSessionsAreRejected()
    {
        var errors = new ValidationErrors();

        EventValidator.Validate(Valid(
            new SessionInput("a", new DateTime(2027, 3, 18, 9, 0, 0), new DateTime(2027, 3, 18, 12, 0, 0)),
            new SessionInput("b", new DateTime(2027, 3, 18, 11, 0, 0), new DateTime(2027, 3, 18, 13, 0, 0))), errors);

        Assert.That(errors.ToDictionary().Keys, Does.Contain("sessions[1].start"));
    }

    [Test]
    public void ASessionTooShortForOneMeetingIsRejected()
    {
        var errors = new ValidationErrors();

        EventValidator.Validate(Valid(new SessionInput("coffee", new DateTime(2027, 3, 18, 9, 0, 0), new DateTime(2027, 3, 18, 9, 10, 0))), errors);

        Assert.That(errors.ToDictionary().Keys, Does.Contain("sessions[0]"));
    }

    [Test]
    public void ATimeSkippedByDaylightSavingIsRejected()
    {
        var errors = new ValidationErrors();

        // 2027-03-28 02:30 does not exist in Madrid: clocks jump from 02:00 to 03:00.
        EventValidator.Validate(Valid(new SessionInput("night", new DateTime(2027, 3, 28, 2, 30, 0), new DateTime(2027, 3, 28, 5, 0, 0))), errors);

        Assert.That(errors.ToDictionary().Keys, Does.Contain("sessions[0].start"));
    }

    [Test]
    public void ASessionLongerThanADayIsRejected()
    {
        var errors = new ValidationErrors();

        EventValidator.Validate(Valid(new SessionInput("forever", new DateTime(2027, 3, 18, 9, 0, 0), new DateTime(2127, 3, 18, 9, 0, 0))), errors);

        Assert.That(errors.ToDictionary().Keys, Does.Contain("sessions[0].end"));
    }

    [Test]
    public void DuplicateSessionNamesAreRejected()
    {
        var errors = new ValidationErrors();

        EventValidator.Validate(Valid(
            new SessionInput("day", new DateTime(2027, 3, 18, 9, 0, 0), new DateTime(2027, 3, 18, 10, 0, 0)),
            new SessionInput("Day", new DateTime(2027, 3, 18, 11, 0, 0), new DateTime(2027, 3, 18, 12, 0, 0))), errors);

        Assert.That(errors.ToDictionary().Keys, Does.Contain("sessions[1].name"));
    }

    [Test]
    public void TooManySlotsAreRejected()
    {
        var errors = new ValidationErrors();

        var days = Enumerable.Range(0, 4)
            .Select(d => new SessionInput($"day {d}", new DateTime(2027, 3, 10 + d, 0, 0, 0), new DateTime(2027, 3, 10 + d, 23, 0, 0)));

        EventValidator.Validate(Valid([.. days]), errors);

        Assert.That(errors.ToDictionary()["sessions"].Single(), Does.Contain("slots"));
    }
}
