using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Ical.Net;

namespace Matchmaking.Tests.Api;

public sealed class AgendasApiTests : ApiTests
{
    private const string Collars = "Collars & Co <Ltd>";

    /// <summary>
    /// An event of 10 slots (2027-03-18, Europe/Madrid) and 3 tables with four SMEs and four tech providers (one name
    /// that needs HTML encoding), the mill and the vibration sensors bound to meet; and their ids by external id.
    /// </summary>
    private async Task<(long EventId, Dictionary<string, long> Ids)> EventWithPeopleAsync(string name)
    {
        var eventId = await Client.CreateEventAsync(name, tables: 3);
        var response = await Client.PostAsJsonAsync($"/events/{eventId}/participants/import", new object[]
        {
            new { externalId = "dairy", organization = "Dairy", contactName = "Pilar Soto", role = "traditional-sme", needs = "Our cows fall ill before we notice. We milk 200 cows." },
            new { externalId = "bakery", organization = "Bakery", role = "traditional-sme", needs = "We bin too much unsold bread.", maxMeetings = 1 },
            new { externalId = "hotel", organization = "Hotel", role = "traditional-sme", needs = "Our rooms are empty in winter." },
            new { externalId = "mill", organization = "Mill", role = "traditional-sme", needs = "Our milling machines break down without warning." },
            new { externalId = "collars", organization = Collars, role = "tech-provider", offers = "Cattle collars that detect illness early.", hostTable = 2 },
            new { externalId = "forecast", organization = "Forecast", role = "tech-provider", offers = "Demand forecasting for bakeries." },
            new { externalId = "pricing", organization = "Pricing", role = "tech-provider", offers = "Dynamic pricing for rural hotels." },
            new { externalId = "vibration", organization = "Vibration", role = "tech-provider", offers = "Vibration sensors that predict machine failures." },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var ids = body.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("externalId").GetString()!, i => i.GetProperty("id").GetInt64());
        (await Client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = ids["mill"], toId = ids["vibration"], status = "must" })).EnsureSuccessStatusCode();
        return (eventId, ids);
    }

    private async Task<JsonElement> CreateScheduleAsync(long eventId, bool publish = true)
    {
        var response = await Client.PostAsync($"/events/{eventId}/schedules?seconds=0.5", null);
        var schedule = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), schedule.ToString());
        if (publish)
        {
            (await Client.PostAsync($"/events/{eventId}/schedules/{schedule.GetProperty("version").GetInt32()}/publish", null)).EnsureSuccessStatusCode();
        }
        return schedule;
    }

    private async Task<(long EventId, Dictionary<string, long> Ids, JsonElement Schedule)> PublishedEventAsync(string name)
    {
        var (eventId, ids) = await EventWithPeopleAsync(name);
        return (eventId, ids, await CreateScheduleAsync(eventId));
    }

    private static List<JsonElement> MeetingsOf(JsonElement schedule, long participantId) => schedule.GetProperty("meetings").EnumerateArray()
        .Where(m => m.GetProperty("participantAId").GetInt64() == participantId || m.GetProperty("participantBId").GetInt64() == participantId)
        .OrderBy(m => m.GetProperty("slot").GetInt32()).ToList();

    private static long PartnerIn(JsonElement meeting, long participantId) => meeting.GetProperty("participantAId").GetInt64() == participantId
        ? meeting.GetProperty("participantBId").GetInt64()
        : meeting.GetProperty("participantAId").GetInt64();

    private static string Uid(long eventId, long a, long b) => $"meeting-{eventId}-{Math.Min(a, b)}-{Math.Max(a, b)}@matchmaking";

    private async Task<HttpResponseMessage> GetAsync(string url, string? accept = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }
        return await (client ?? Client).SendAsync(request);
    }

    private static async Task<Calendar> ReadCalendarAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/calendar; charset=utf-8"));
        return Calendar.Load(text) ?? throw new AssertionException("Not an iCalendar document:\n" + text);
    }

    private static async Task<(IReadOnlyList<string> Header, List<Dictionary<string, string>> Rows)> ReadCsvAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), Encoding.UTF8.GetString(bytes));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/csv; charset=utf-8"));
        using var reader = CsvReader.Create(new MemoryStream(bytes), new CsvReaderOptions { Separator = ',' });
        var header = reader.Headers.ToList();
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(header.ToDictionary(h => h, reader.GetString));
        }
        return (header, rows);
    }

    [Test]
    public async Task TheJsonAgendaListsTheParticipantsMeetingsInSlotOrderFromTheirSide()
    {
        var (eventId, ids, schedule) = await PublishedEventAsync("Json agenda");
        var expected = MeetingsOf(schedule, ids["mill"]);

        var response = await Client.GetAsync($"/events/{eventId}/participants/{ids["mill"]}/agenda");

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(body.GetProperty("version").GetInt32(), Is.EqualTo(1));
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items, Has.Count.EqualTo(expected.Count).And.Count.GreaterThan(0));
        Assert.That(items.Select(i => i.GetProperty("slot").GetInt32()), Is.EqualTo(expected.Select(m => m.GetProperty("slot").GetInt32())));
        Assert.That(items.Select(i => i.GetProperty("start").GetString()), Is.EqualTo(expected.Select(m => m.GetProperty("start").GetString())));
        Assert.That(items.Select(i => i.GetProperty("start").GetString()), Is.All.StartWith("2027-03-18T").And.All.EndWith("+01:00"));
        Assert.That(items.Select(i => i.GetProperty("table").GetInt32()), Is.EqualTo(expected.Select(m => m.GetProperty("table").GetInt32())));
        Assert.That(items.Select(i => i.GetProperty("partner").GetProperty("participantId").GetInt64()), Is.EqualTo(expected.Select(m => PartnerIn(m, ids["mill"]))));
        var vibration = items.Single(i => i.GetProperty("partner").GetProperty("participantId").GetInt64() == ids["vibration"]);
        Assert.That(vibration.GetProperty("partner").GetProperty("organization").GetString(), Is.EqualTo("Vibration"));
        Assert.That(vibration.GetProperty("partner").GetProperty("role").GetString(), Is.EqualTo("tech-provider"));
        Assert.That(vibration.GetProperty("partner").GetProperty("offers").GetString(), Is.EqualTo("Vibration sensors that predict machine failures."));
        Assert.That(vibration.GetProperty("origin").GetString(), Is.EqualTo("requested"));
        Assert.That(vibration.GetProperty("why").EnumerateArray().First().GetString(), Does.StartWith("Their offer “"), "the SME reads about the partner's offer");
    }

    [Test]
    public async Task TheProviderReadsWhyTheyMeetFromItsOwnSide()
    {
        var (eventId, ids, schedule) = await PublishedEventAsync("Provider side");
        var meeting = MeetingsOf(schedule, ids["vibration"]).Single(m => PartnerIn(m, ids["vibration"]) == ids["mill"]);
        var stored = meeting.GetProperty("reasons")[0];
        Assert.That(stored.GetProperty("kind").GetString(), Is.EqualTo("their-offer-your-need"), "schedules phrase reasons for the SME");

        var agenda = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/participants/{ids["vibration"]}/agenda");

        var why = agenda.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("partner").GetProperty("participantId").GetInt64() == ids["mill"])
            .GetProperty("why")[0].GetString();
        Assert.That(why, Does.StartWith($"Your offer “{stored.GetProperty("theirs").GetString()}”"));
        Assert.That(why, Does.EndWith($"their need “{stored.GetProperty("yours").GetString()}”."));
    }

    [Test]
    public async Task TheCalendarHasOneEventPerMeetingInTheEventsZone()
    {
        var (eventId, ids, schedule) = await PublishedEventAsync("Calendar day");
        var expected = MeetingsOf(schedule, ids["mill"]);

        var response = await Client.GetAsync($"/events/{eventId}/participants/{ids["mill"]}/agenda?format=ics");

        var calendar = await ReadCalendarAsync(response);
        Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName, Does.EndWith(".ics"));
        Assert.That(calendar.TimeZones.Select(z => z.TzId), Is.EqualTo(new[] { "Europe/Madrid" }));
        var events = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).ToList();
        Assert.That(events, Has.Count.EqualTo(expected.Count));
        for (var i = 0; i < events.Count; i++)
        {
            var meeting = expected[i];
            var partner = PartnerIn(meeting, ids["mill"]);
            var table = meeting.GetProperty("table").GetInt32();
            Assert.That(events[i].DtStart!.TzId, Is.EqualTo("Europe/Madrid"));
            Assert.That(events[i].DtStart!.AsUtc, Is.EqualTo(meeting.GetProperty("start").GetDateTimeOffset().UtcDateTime));
            Assert.That(events[i].DtEnd!.AsUtc, Is.EqualTo(meeting.GetProperty("end").GetDateTimeOffset().UtcDateTime));
            Assert.That(events[i].Uid, Is.EqualTo(Uid(eventId, ids["mill"], partner)));
            Assert.That(events[i].Summary, Does.StartWith("Meeting with ").And.EndWith($"(table {table})"));
            Assert.That(events[i].Description, Does.Contain("Why you meet").And.Contain(meeting.GetProperty("reasons")[0].GetProperty("text").GetString()));
        }
        Assert.That(events.Single(e => e.Uid == Uid(eventId, ids["mill"], ids["vibration"])).Summary, Does.StartWith("Meeting with Vibration (table "));
    }

    [Test]
    public async Task CalendarUidsStayTheSameAcrossRequestsAndScheduleVersions()
    {
        var (eventId, ids, _) = await PublishedEventAsync("Stable uids");
        var url = $"/events/{eventId}/participants/{ids["mill"]}/agenda?format=ics";
        var first = await ReadCalendarAsync(await Client.GetAsync(url));
        var again = await ReadCalendarAsync(await Client.GetAsync(url));
        var second = await CreateScheduleAsync(eventId, publish: false);

        var next = await ReadCalendarAsync(await Client.GetAsync(url + "&version=2"));

        Assert.That(again.Events.Select(e => e.Uid), Is.EqualTo(first.Events.Select(e => e.Uid)));
        Assert.That(next.Events.Select(e => e.Uid), Is.EquivalentTo(MeetingsOf(second, ids["mill"]).Select(m => Uid(eventId, ids["mill"], PartnerIn(m, ids["mill"])))));
        var pair = Uid(eventId, ids["mill"], ids["vibration"]);
        Assert.That(first.Events.Select(e => e.Uid), Does.Contain(pair), "the must meeting is in version 1");
        Assert.That(next.Events.Select(e => e.Uid), Does.Contain(pair), "and in version 2, under the same uid");
        Assert.That(next.Events.Single(e => e.Uid == pair).Sequence, Is.GreaterThan(first.Events.Single(e => e.Uid == pair).Sequence));
    }

    [Test]
    public async Task CalendarTimesAreRightOnBothSidesOfADaylightSavingChange()
    {
        // Europe/Madrid springs forward at 02:00 on 2027-03-28 (to 03:00): slots 23:00 and 00:00 are UTC+1, 03:00 and 04:00 UTC+2.
        var eventId = await CreateNightEventAsync("Spring forward", ("late", "2027-03-27T23:00:00", "2027-03-28T01:00:00"), ("early", "2027-03-28T03:00:00", "2027-03-28T05:00:00"));
        var (sme, before, after) = await NightPeopleAsync(eventId, fixedBefore: 1, fixedAfter: 2);
        await CreateScheduleAsync(eventId);

        var json = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/participants/{sme}/agenda");
        var calendar = await ReadCalendarAsync(await Client.GetAsync($"/events/{eventId}/participants/{sme}/agenda?format=ics"));

        var items = json.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("partner").GetProperty("participantId").GetInt64());
        Assert.That(items[before].GetProperty("start").GetString(), Is.EqualTo("2027-03-28T00:00:00+01:00"));
        Assert.That(items[after].GetProperty("start").GetString(), Is.EqualTo("2027-03-28T03:00:00+02:00"));
        var byUid = calendar.Events.ToDictionary(e => e.Uid!);
        Assert.That(byUid[Uid(eventId, sme, before)].DtStart!.AsUtc, Is.EqualTo(new DateTime(2027, 3, 27, 23, 0, 0, DateTimeKind.Utc)));
        Assert.That(byUid[Uid(eventId, sme, before)].DtEnd!.AsUtc, Is.EqualTo(new DateTime(2027, 3, 28, 0, 0, 0, DateTimeKind.Utc)));
        Assert.That(byUid[Uid(eventId, sme, after)].DtStart!.AsUtc, Is.EqualTo(new DateTime(2027, 3, 28, 1, 0, 0, DateTimeKind.Utc)));
        Assert.That(byUid[Uid(eventId, sme, after)].DtStart!.TzId, Is.EqualTo("Europe/Madrid"));
        Assert.That(byUid[Uid(eventId, sme, after)].DtStart!.Hour, Is.EqualTo(3), "written as local time with the zone");
    }

    [Test]
    public async Task ASlotInTheHourThatHappensTwiceKeepsItsInstantInTheCalendar()
    {
        // Europe/Madrid falls back at 03:00 on 2027-10-31: 02:00-03:00 happens twice. The slot at 02:00 is the second one
        // (UTC+1, 01:00Z); RFC 5545 readers would take a bare local 02:00 as the first, so it is written in UTC.
        var eventId = await CreateNightEventAsync("Fall back", ("night", "2027-10-31T00:00:00", "2027-10-31T05:00:00"));
        var (sme, before, after) = await NightPeopleAsync(eventId, fixedBefore: 0, fixedAfter: 2);
        await CreateScheduleAsync(eventId);

        var json = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/participants/{sme}/agenda");
        var calendar = await ReadCalendarAsync(await Client.GetAsync($"/events/{eventId}/participants/{sme}/agenda?format=ics"));

        var items = json.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("partner").GetProperty("participantId").GetInt64());
        var byUid = calendar.Events.ToDictionary(e => e.Uid!);
        foreach (var partner in new[] { before, after })
        {
            Assert.That(byUid[Uid(eventId, sme, partner)].DtStart!.AsUtc, Is.EqualTo(items[partner].GetProperty("start").GetDateTimeOffset().UtcDateTime));
            Assert.That(byUid[Uid(eventId, sme, partner)].DtEnd!.AsUtc, Is.EqualTo(items[partner].GetProperty("end").GetDateTimeOffset().UtcDateTime));
        }
        Assert.That(byUid[Uid(eventId, sme, before)].DtStart!.AsUtc, Is.EqualTo(new DateTime(2027, 10, 30, 22, 0, 0, DateTimeKind.Utc)));
        Assert.That(byUid[Uid(eventId, sme, after)].DtStart!.AsUtc, Is.EqualTo(new DateTime(2027, 10, 31, 1, 0, 0, DateTimeKind.Utc)));
    }

    private async Task<long> CreateNightEventAsync(string name, params (string Name, string Start, string End)[] sessions)
    {
        var response = await Client.PostAsJsonAsync("/events", new
        {
            name,
            topic = "Night shift automation.",
            format = "matchmaking",
            timeZone = "Europe/Madrid",
            sessions = sessions.Select(s => new { name = s.Name, start = s.Start, end = s.End }),
            meetingMinutes = 60,
            pauseMinutes = 0,
            tables = 2,
            rules = new { crossSideOnly = true },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        return body.GetProperty("id").GetInt64();
    }

    /// <summary>An SME and two providers it must meet in the given slots; their ids.</summary>
    private async Task<(long Sme, long Before, long After)> NightPeopleAsync(long eventId, int fixedBefore, int fixedAfter)
    {
        var sme = await Client.CreateParticipantAsync(eventId, new { organization = "Night Bakery", role = "traditional-sme", needs = "Our ovens run all night unattended." });
        var before = await Client.CreateParticipantAsync(eventId, new { organization = "Oven Watch", role = "tech-provider", offers = "Sensors that watch ovens at night." });
        var after = await Client.CreateParticipantAsync(eventId, new { organization = "Dough Bots", role = "tech-provider", offers = "Robots that shape dough." });
        (await Client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = sme, toId = before, status = "must", fixedSlot = fixedBefore })).EnsureSuccessStatusCode();
        (await Client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = sme, toId = after, status = "must", fixedSlot = fixedAfter })).EnsureSuccessStatusCode();
        return (sme, before, after);
    }

    [Test]
    public async Task TheCsvAgendaHasAHeaderAndOneRowPerMeeting()
    {
        var (eventId, ids, schedule) = await PublishedEventAsync("Csv agenda");
        var expected = MeetingsOf(schedule, ids["dairy"]);

        var response = await GetAsync($"/events/{eventId}/participants/{ids["dairy"]}/agenda", accept: "text/csv");

        var (header, rows) = await ReadCsvAsync(response);
        Assert.That(response.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        Assert.That(response.Content.Headers.ContentDisposition?.FileName, Does.EndWith(".csv"));
        Assert.That(header, Is.EqualTo(new[] { "slot", "start", "end", "table", "partnerId", "partnerOrganization", "partnerContact", "partnerRole", "partnerOffers", "partnerNeeds", "why" }));
        Assert.That(rows, Has.Count.EqualTo(expected.Count).And.Count.GreaterThan(0));
        Assert.That(rows.Select(r => int.Parse(r["slot"])), Is.EqualTo(expected.Select(m => m.GetProperty("slot").GetInt32())));
        Assert.That(rows.Select(r => DateTimeOffset.Parse(r["start"])), Is.EqualTo(expected.Select(m => m.GetProperty("start").GetDateTimeOffset())));
        Assert.That(rows.Select(r => long.Parse(r["partnerId"])), Is.EqualTo(expected.Select(m => PartnerIn(m, ids["dairy"]))));
        Assert.That(rows.Select(r => r["why"]), Is.All.Not.Empty);
    }

    [Test]
    public async Task TheEventCsvListsEveryMeetingOfTheVersion()
    {
        var (eventId, ids, schedule) = await PublishedEventAsync("Event csv");
        var meetings = schedule.GetProperty("meetings").EnumerateArray().ToList();

        var (header, rows) = await ReadCsvAsync(await Client.GetAsync($"/events/{eventId}/agendas?format=csv"));

        Assert.That(header, Is.EqualTo(new[] { "slot", "start", "end", "table", "participantAId", "participantAOrganization", "participantBId", "participantBOrganization", "origin" }));
        Assert.That(rows.Select(r => (int.Parse(r["slot"]), int.Parse(r["table"]), long.Parse(r["participantAId"]), long.Parse(r["participantBId"]))),
            Is.EquivalentTo(meetings.Select(m => (m.GetProperty("slot").GetInt32(), m.GetProperty("table").GetInt32(), m.GetProperty("participantAId").GetInt64(), m.GetProperty("participantBId").GetInt64()))));
        Assert.That(rows.Where(r => long.Parse(r["participantAId"]) == ids["collars"] || long.Parse(r["participantBId"]) == ids["collars"])
            .Select(r => long.Parse(r["participantAId"]) == ids["collars"] ? r["participantAOrganization"] : r["participantBOrganization"]), Is.All.EqualTo(Collars));
    }

    [Test]
    public async Task TheHtmlAgendaShowsEveryMeetingsPartnerAndTableEncoded()
    {
        var (eventId, ids, schedule) = await PublishedEventAsync("Html agenda <day>");
        var expected = MeetingsOf(schedule, ids["dairy"]);
        var organizations = new Dictionary<long, string> { [ids["collars"]] = "Collars &amp; Co &lt;Ltd&gt;", [ids["forecast"]] = "Forecast", [ids["pricing"]] = "Pricing", [ids["vibration"]] = "Vibration" };

        var response = await GetAsync($"/events/{eventId}/participants/{ids["dairy"]}/agenda", accept: "text/html");

        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/html; charset=utf-8"));
        Assert.That(response.Content.Headers.ContentDisposition, Is.Null, "a page to show and print, not a download");
        Assert.That(html, Does.StartWith("<!DOCTYPE html>").And.Contain("<h1>Dairy</h1>").And.Contain("Pilar Soto"));
        Assert.That(html, Does.Contain("Html agenda &lt;day&gt;").And.Contain("Thursday 18 March 2027").And.Not.Contain("<day>"));
        Assert.That(expected, Is.Not.Empty);
        foreach (var meeting in expected)
        {
            Assert.That(html, Does.Contain($"<strong>{organizations[PartnerIn(meeting, ids["dairy"])]}</strong>"));
            Assert.That(html, Does.Contain($"Table {meeting.GetProperty("table").GetInt32()}</td>"));
            Assert.That(html, Does.Contain(meeting.GetProperty("start").GetDateTimeOffset().ToString("HH:mm")));
        }
        Assert.That(html, Does.Not.Contain("<Ltd>"));
    }

    [Test]
    public async Task TheEventHtmlPrintsOnePagePerParticipantWithMeetings()
    {
        var (eventId, _, schedule) = await PublishedEventAsync("Print them all");
        var meetings = schedule.GetProperty("meetings").EnumerateArray().ToList();
        var people = meetings.SelectMany(m => new[] { m.GetProperty("participantAId").GetInt64(), m.GetProperty("participantBId").GetInt64() }).Distinct().Count();

        var response = await Client.GetAsync($"/events/{eventId}/agendas");

        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("text/html; charset=utf-8"));
        Assert.That(html, Does.Contain(".agenda { break-after: page; page-break-after: always; }"));
        Assert.That(CountOf(html, "<section class=\"agenda\">"), Is.EqualTo(people));
        Assert.That(CountOf(html, "<tr><td class=\"nowrap\">"), Is.EqualTo(2 * meetings.Count), "each meeting on both participants' pages");
        Assert.That(html, Does.Contain("<h1>Collars &amp; Co &lt;Ltd&gt;</h1>"));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    [Test]
    public async Task TheTableSheetListsThatTablesMeetingsOnly()
    {
        var (eventId, ids, schedule) = await PublishedEventAsync("Table sheet");
        var atTwo = schedule.GetProperty("meetings").EnumerateArray().Where(m => m.GetProperty("table").GetInt32() == 2).ToList();

        var json = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/tables/2/agenda");
        var (_, rows) = await ReadCsvAsync(await Client.GetAsync($"/events/{eventId}/tables/2/agenda?format=csv"));
        var html = await (await Client.GetAsync($"/events/{eventId}/tables/2/agenda?format=html")).Content.ReadAsStringAsync();

        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.That(json.GetProperty("table").GetInt32(), Is.EqualTo(2));
        Assert.That(items.Select(i => i.GetProperty("meetingId").GetInt64()), Is.EqualTo(atTwo.Select(m => m.GetProperty("meetingId").GetInt64())));
        var meetings = schedule.GetProperty("meetings").EnumerateArray().ToList();
        foreach (var other in atTwo.Where(m => m.GetProperty("participantAId").GetInt64() != ids["collars"] && m.GetProperty("participantBId").GetInt64() != ids["collars"]))
        {
            // Not the host's meeting: the host's table was the last free one in that slot (3 tables), and the host is not meeting then.
            var slot = other.GetProperty("slot").GetInt32();
            var inSlot = meetings.Where(m => m.GetProperty("slot").GetInt32() == slot).ToList();
            Assert.That(inSlot.Select(m => m.GetProperty("table").GetInt32()), Is.EquivalentTo(new[] { 1, 2, 3 }),
                $"slot {slot}: table 2 went to others while another table was free or its host was meeting");
        }
        Assert.That(MeetingsOf(schedule, ids["collars"]).Select(m => m.GetProperty("table").GetInt32()), Has.All.EqualTo(2), "the host keeps table 2");
        Assert.That(rows.Select(r => r["table"]).ToList(), Has.Count.EqualTo(atTwo.Count).And.All.EqualTo("2"));
        Assert.That(html, Does.Contain("<h1>Table 2</h1>"));
        Assert.That(CountOf(html, "<tr><td class=\"nowrap\">"), Is.EqualTo(atTwo.Count));
    }

    [Test]
    public async Task CancelledMeetingsAreLeftOut()
    {
        var (eventId, ids, schedule) = await PublishedEventAsync("Cancelled");
        var meeting = MeetingsOf(schedule, ids["mill"])[0];
        (await Client.DeleteAsync($"/events/{eventId}/schedules/latest/meetings/{meeting.GetProperty("meetingId").GetInt64()}")).EnsureSuccessStatusCode();

        var agenda = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/participants/{ids["mill"]}/agenda");

        Assert.That(agenda.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("meetingId").GetInt64()),
            Has.None.EqualTo(meeting.GetProperty("meetingId").GetInt64()));
        Assert.That(agenda.GetProperty("items").GetArrayLength(), Is.EqualTo(MeetingsOf(schedule, ids["mill"]).Count - 1));
    }

    [Test]
    public async Task APartnerWhoLeftSinceTheScheduleStillShowsAsAMeeting()
    {
        var (eventId, ids, schedule) = await PublishedEventAsync("Partner left");
        (await Client.DeleteAsync($"/events/{eventId}/participants/{ids["vibration"]}")).EnsureSuccessStatusCode();

        var agenda = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/participants/{ids["mill"]}/agenda");

        var items = agenda.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items, Has.Count.EqualTo(MeetingsOf(schedule, ids["mill"]).Count));
        var gone = items.Single(i => i.GetProperty("partner").GetProperty("participantId").GetInt64() == ids["vibration"]).GetProperty("partner");
        Assert.That(gone.GetProperty("organization").GetString(), Does.Contain("no longer registered"));
        await (await Client.GetAsync($"/events/{eventId}/participants/{ids["vibration"]}/agenda")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [TestCase(null, "application/json")]
    [TestCase("*/*", "application/json")]
    [TestCase("text/calendar", "text/calendar")]
    [TestCase("application/xml;q=0.9, text/csv;q=0.5", "text/csv")]
    [TestCase("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html")]
    [TestCase("text/*;q=0.5, application/json;q=0.1", "text/csv")]
    [TestCase("*/*, application/json;q=0", "text/csv")]
    public async Task TheAcceptHeaderChoosesTheFormat(string? accept, string mediaType)
    {
        var (eventId, ids, _) = await PublishedEventAsync($"Accept {accept}");

        var response = await GetAsync($"/events/{eventId}/participants/{ids["mill"]}/agenda", accept);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
        Assert.That(response.Headers.Vary, Does.Contain("Accept"));
    }

    [Test]
    public async Task AnAcceptThatAllowsNoFormatIs406AndFormatWinsOverAccept()
    {
        var (eventId, ids, _) = await PublishedEventAsync("Not acceptable");
        var agenda = $"/events/{eventId}/participants/{ids["mill"]}/agenda";

        await (await GetAsync(agenda, "application/xml")).AssertProblemAsync(HttpStatusCode.NotAcceptable);
        await (await GetAsync($"/events/{eventId}/agendas", "application/json")).AssertProblemAsync(HttpStatusCode.NotAcceptable);
        await (await GetAsync($"/events/{eventId}/tables/1/agenda", "text/calendar")).AssertProblemAsync(HttpStatusCode.NotAcceptable);

        var csv = await GetAsync(agenda + "?format=csv", "application/xml");
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(csv.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        var ics = await GetAsync(agenda + "?format=ICS", "application/json");
        Assert.That(ics.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/calendar"));
        await (await Client.GetAsync(agenda + "?format=pdf")).AssertValidationProblemAsync("format");
        await (await Client.GetAsync($"/events/{eventId}/agendas?format=ics")).AssertValidationProblemAsync("format");
    }

    [Test]
    public async Task AgendasComeFromThePublishedVersionOrTheOneAskedFor()
    {
        var (eventId, ids) = await EventWithPeopleAsync("Which version");
        var mill = $"/events/{eventId}/participants/{ids["mill"]}/agenda";
        await CreateScheduleAsync(eventId, publish: false);

        await (await Client.GetAsync(mill)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/events/{eventId}/agendas")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/events/{eventId}/tables/1/agenda")).AssertProblemAsync(HttpStatusCode.NotFound);
        var draft = await Client.GetFromJsonAsync<JsonElement>(mill + "?version=1");
        Assert.That(draft.GetProperty("version").GetInt32(), Is.EqualTo(1));
        Assert.That(draft.GetProperty("publishedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));

        (await Client.PostAsync($"/events/{eventId}/schedules/1/publish", null)).EnsureSuccessStatusCode();
        await CreateScheduleAsync(eventId, publish: false);

        Assert.That((await Client.GetFromJsonAsync<JsonElement>(mill)).GetProperty("version").GetInt32(), Is.EqualTo(1), "version 2 is not published");
        Assert.That((await Client.GetFromJsonAsync<JsonElement>(mill + "?version=2")).GetProperty("version").GetInt32(), Is.EqualTo(2));
        await (await Client.GetAsync(mill + "?version=9")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync(mill + "?version=0")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/events/{eventId}/agendas?version=9")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task UnknownParticipantsEventsAndTablesAre404()
    {
        var (eventId, ids, _) = await PublishedEventAsync("Unknowns");

        await (await Client.GetAsync($"/events/{eventId}/participants/999999/agenda")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await GetAsync($"/events/{eventId}/participants/999999/agenda?format=ics")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/events/999999/participants/{ids["mill"]}/agenda")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync("/events/999999/agendas")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/events/{eventId}/tables/0/agenda")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/events/{eventId}/tables/4/agenda")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await Client.GetAsync($"/events/{eventId}/tables/3/agenda")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task AnotherTenantsAgendasAre404()
    {
        var (eventId, ids, _) = await PublishedEventAsync("Private agendas");
        using var stranger = App.Client(MatchmakingApp.KeyB);

        await (await stranger.GetAsync($"/events/{eventId}/participants/{ids["mill"]}/agenda")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/events/{eventId}/participants/{ids["mill"]}/agenda?format=ics")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/events/{eventId}/agendas?format=csv")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/events/{eventId}/tables/1/agenda")).AssertProblemAsync(HttpStatusCode.NotFound);
        using var anonymous = App.Client(null);
        Assert.That((await anonymous.GetAsync($"/events/{eventId}/agendas")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task TheOpenApiDocumentDescribesTheAgendaRoutes()
    {
        var swagger = await Client.GetStringAsync("/swagger/v1/swagger.json");

        Assert.That(swagger, Does.Contain("/events/{eventId}/participants/{participantId}/agenda").And.Contain("/events/{eventId}/agendas")
            .And.Contain("/events/{eventId}/tables/{table}/agenda").And.Contain("text/calendar").And.Contain("ParticipantAgendaResponse"));
    }
}
