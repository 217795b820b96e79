using Matchmaking.Core.Profiles;

namespace Matchmaking.Tests.Profiles;

public sealed class SlotPlannerTests
{
    private static EventSpec Spec(string zone, int meeting, int pause, params EventSession[] sessions) =>
        new("Test", "", EventFormat.Matchmaking, zone, sessions, meeting, pause, 5, new MeetingRules(true, null, null));

    [Test]
    public void SlotsFillEachSessionWithMeetingsAndPausesInOrder()
    {
        var spec = Spec("Europe/Madrid", 20, 5,
            new("morning", new DateTime(2027, 3, 18, 9, 0, 0), new DateTime(2027, 3, 18, 12, 30, 0)),
            new("afternoon", new DateTime(2027, 3, 18, 14, 0, 0), new DateTime(2027, 3, 18, 17, 0, 0)));

        var slots = SlotPlanner.Plan(spec);

        Assert.That(slots, Has.Count.EqualTo(15));
        Assert.That(slots.Select(s => s.Index), Is.EqualTo(Enumerable.Range(0, 15)));
        Assert.That(slots.Count(s => s.Session == "morning"), Is.EqualTo(8));
        Assert.That(slots[7].Start.TimeOfDay, Is.EqualTo(new TimeSpan(11, 55, 0)));
        Assert.That(slots[7].End.TimeOfDay, Is.EqualTo(new TimeSpan(12, 15, 0)));
        Assert.That(slots[8].Start.TimeOfDay, Is.EqualTo(new TimeSpan(14, 0, 0)));
        Assert.That(slots[14].End.TimeOfDay, Is.EqualTo(new TimeSpan(16, 50, 0)));
    }

    [Test]
    public void AMeetingThatWouldRunPastTheSessionEndIsNotASlot()
    {
        var spec = Spec("UTC", 30, 0, new EventSession("only", new DateTime(2027, 1, 1, 9, 0, 0), new DateTime(2027, 1, 1, 10, 29, 0)));

        Assert.That(SlotPlanner.Plan(spec), Has.Count.EqualTo(2));
    }

    [Test]
    public void OffsetsFollowDaylightSavingWithinOneDay()
    {
        // Europe/Madrid leaves summer time at 03:00 on 2027-10-31: 02:00-03:00 happens twice.
        var spec = Spec("Europe/Madrid", 60, 0, new EventSession("night", new DateTime(2027, 10, 31, 0, 0, 0), new DateTime(2027, 10, 31, 5, 0, 0)));

        var slots = SlotPlanner.Plan(spec);

        Assert.That(slots[0].Start.Offset, Is.EqualTo(TimeSpan.FromHours(2)));
        Assert.That(slots[4].Start.Offset, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(slots[4].Start.UtcDateTime, Is.EqualTo(new DateTime(2027, 10, 31, 3, 0, 0, DateTimeKind.Utc)));
    }
}
