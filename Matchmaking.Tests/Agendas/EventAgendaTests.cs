using Matchmaking.Core.Agendas;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scheduling;
using Matchmaking.Core.Scoring;
using Matchmaking.Core.Storage;

namespace Matchmaking.Tests.Agendas;

public sealed class EventAgendaTests
{
    private static readonly EventSpec Spec = new("Day", "", EventFormat.Matchmaking, "Europe/Madrid",
        [new EventSession("morning", new DateTime(2027, 3, 18, 9, 0, 0), new DateTime(2027, 3, 18, 10, 0, 0))], 20, 0, 3, new MeetingRules(true, null, null));

    private static readonly DateTimeOffset Made = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static StoredParticipant Person(long id, string organization, ParticipantRole role, string? offers = null, string? needs = null) =>
        new(id, 1, new ParticipantProfile(null, organization, null, null, role, null, null, [], offers, needs, null, [], [], null, null), Made, Made);

    private static StoredMeeting Meeting(long id, long a, long b, int slot, int table, bool cancelled = false) =>
        new(id, new PlannedMeeting(a, b, slot, table, 0.5f,
            [new SuggestionReason("their-offer-your-need", "Their offer “Sensors.” answers your need “Damp cellars.”.", "Damp cellars.", "Sensors.", 0.61f),
             new SuggestionReason("feature", "Of everyone here, their offer is among the closest to what you need.", Feature: nameof(PairFeatures.NeedOfferBestZ), Weight: 0.4f),
             new SuggestionReason("feature", "You can talk in es.", Feature: nameof(PairFeatures.CommonLanguage), Weight: 0.1f)], "suggested"),
            cancelled ? Made : null);

    private static EventAgenda Agenda(params StoredMeeting[] meetings) => EventAgenda.Build(7, Spec,
        new StoredSchedule(7, 2, Made, null, new ScheduleSummary(0, 0, 0, 0, 0, 0, 0, 0, null, 0), [], meetings),
        [Person(1, "Cheese", ParticipantRole.TraditionalSme, needs: "Damp cellars."), Person(2, "Sensors", ParticipantRole.TechProvider, offers: "Sensors."),
         Person(3, "Bakery", ParticipantRole.TraditionalSme, needs: "Waste.")]);

    [Test]
    public void AParticipantsAgendaIsInSlotOrderWithoutCancelledMeetings()
    {
        var agenda = Agenda(Meeting(10, 2, 3, slot: 2, table: 1), Meeting(11, 1, 2, slot: 0, table: 2), Meeting(12, 1, 2, slot: 1, table: 1, cancelled: true));

        var sensors = agenda.For(2)!;

        Assert.That(sensors.Items.Select(i => i.Meeting.MeetingId), Is.EqualTo(new long[] { 11, 10 }));
        Assert.That(sensors.Items.Select(i => i.Partner.Organization), Is.EqualTo(new[] { "Cheese", "Bakery" }));
        Assert.That(sensors.Items[0].Meeting.Start, Is.EqualTo(new DateTimeOffset(2027, 3, 18, 9, 0, 0, TimeSpan.FromHours(1))));
        Assert.That(agenda.For(99), Is.Null);
    }

    [Test]
    public void ReasonsReadFromTheSideOfWhoeverHoldsTheAgenda()
    {
        var agenda = Agenda(Meeting(11, 2, 1, slot: 0, table: 2));

        Assert.That(agenda.For(1)!.Items[0].Why, Is.EqualTo(new[]
        {
            "Their offer “Sensors.” answers your need “Damp cellars.”.",
            "Of everyone here, their offer is among the closest to what you need.",
            "You can talk in es.",
        }));
        Assert.That(agenda.For(2)!.Items[0].Why, Is.EqualTo(new[]
        {
            "Your offer “Sensors.” answers their need “Damp cellars.”.",
            "Of everyone here, what you offer is among the closest to what they need.",
            "You can talk in es.",
        }));
    }

    [Test]
    public void APartnerWhoLeftIsNamedByIdAndUidsDependOnThePairOnly()
    {
        var agenda = Agenda(Meeting(11, 42, 1, slot: 0, table: 2), Meeting(12, 1, 42, slot: 1, table: 3));

        Assert.That(agenda.For(1)!.Items[0].Partner.Organization, Is.EqualTo("Participant 42 (no longer registered)"));
        Assert.That(agenda.Meetings.Select(m => m.Uid(7)), Is.All.EqualTo("meeting-7-1-42@matchmaking"));
    }

    [Test]
    public void CsvEscapesTextASpreadsheetWouldRunAsAFormula()
    {
        var agenda = EventAgenda.Build(7, Spec, new StoredSchedule(7, 1, Made, null, new ScheduleSummary(0, 0, 0, 0, 0, 0, 0, 0, null, 0), [], [Meeting(11, 1, 2, 0, 1)]),
            [Person(1, "=HYPERLINK(\"http://x\")", ParticipantRole.TraditionalSme, needs: "Damp cellars."), Person(2, "Sensors", ParticipantRole.TechProvider, offers: "Sensors.")]);

        var csv = System.Text.Encoding.UTF8.GetString(AgendaCsv.Meetings(agenda.Meetings));

        Assert.That(csv, Does.StartWith("\uFEFFslot,start,end,table,"));
        Assert.That(csv, Does.Contain(",\"'=HYPERLINK(\"\"http://x\"\")\",2,Sensors,suggested\r\n"));
    }

    [TestCase("Short.", "Short.")]
    [TestCase("First sentence here. Second sentence here.", "First sentence here.")]
    [TestCase(null, null)]
    public void ASummaryIsTheFirstSentence(string? text, string? summary) => Assert.That(AgendaText.Summary(text), Is.EqualTo(summary));

    [Test]
    public void ALongFirstSentenceIsCutAtAWord()
    {
        var summary = AgendaText.Summary(string.Join(" ", Enumerable.Repeat("sensor", 60)) + ".");

        Assert.That(summary, Has.Length.LessThanOrEqualTo(AgendaText.SummaryLength).And.EndWith("sensor…"));
    }
}
