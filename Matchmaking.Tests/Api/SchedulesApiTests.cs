using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Matchmaking.Tests.Api;

public sealed class SchedulesApiTests : ApiTests
{
    /// <summary>An event of 10 slots and 3 tables with four SMEs and four tech providers, and their ids by name.</summary>
    private async Task<(long EventId, Dictionary<string, long> Ids)> EventWithPeopleAsync(string name)
    {
        var eventId = await Client.CreateEventAsync(name, tables: 3);
        var response = await Client.PostAsJsonAsync($"/events/{eventId}/participants/import", new object[]
        {
            new { externalId = "dairy", organization = "Dairy", role = "traditional-sme", needs = "Our cows fall ill before we notice.", unavailableSlots = new[] { 0, 1 } },
            new { externalId = "bakery", organization = "Bakery", role = "traditional-sme", needs = "We bin too much unsold bread.", maxMeetings = 1 },
            new { externalId = "hotel", organization = "Hotel", role = "traditional-sme", needs = "Our rooms are empty in winter." },
            new { externalId = "mill", organization = "Mill", role = "traditional-sme", needs = "Our milling machines break down without warning." },
            new { externalId = "collars", organization = "Collars", role = "tech-provider", offers = "Cattle collars that detect illness early.", hostTable = 2 },
            new { externalId = "forecast", organization = "Forecast", role = "tech-provider", offers = "Demand forecasting for bakeries." },
            new { externalId = "pricing", organization = "Pricing", role = "tech-provider", offers = "Dynamic pricing for rural hotels." },
            new { externalId = "vibration", organization = "Vibration", role = "tech-provider", offers = "Vibration sensors that predict machine failures." },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return (eventId, body.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("externalId").GetString()!, i => i.GetProperty("id").GetInt64()));
    }

    private async Task<JsonElement> CreateScheduleAsync(long eventId, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await Client.PostAsync($"/events/{eventId}/schedules?seconds=0.5", null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(expected), body.ToString());
        return body;
    }

    [Test]
    public async Task AScheduleIsValidAndKeepsRequestsAndAvoidances()
    {
        var (eventId, ids) = await EventWithPeopleAsync("Schedule day");
        (await Client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = ids["hotel"], toId = ids["vibration"], status = "must", session = "afternoon" })).EnsureSuccessStatusCode();
        (await Client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = ids["dairy"], toId = ids["collars"], status = "avoid" })).EnsureSuccessStatusCode();

        var schedule = await CreateScheduleAsync(eventId);

        Assert.That(schedule.GetProperty("version").GetInt32(), Is.EqualTo(1));
        var meetings = schedule.GetProperty("meetings").EnumerateArray().ToList();
        Assert.That(meetings, Is.Not.Empty);
        var pairs = meetings.Select(m => (A: m.GetProperty("participantAId").GetInt64(), B: m.GetProperty("participantBId").GetInt64())).ToList();
        Assert.That(pairs.Select(p => (Math.Min(p.A, p.B), Math.Max(p.A, p.B))), Is.Unique);
        var busy = meetings.SelectMany(m => new[] { (m.GetProperty("participantAId").GetInt64(), m.GetProperty("slot").GetInt32()), (m.GetProperty("participantBId").GetInt64(), m.GetProperty("slot").GetInt32()) });
        Assert.That(busy, Is.Unique, "nobody is in two meetings at once");
        Assert.That(meetings.GroupBy(m => m.GetProperty("slot").GetInt32()).Select(g => g.Count()), Is.All.LessThanOrEqualTo(3));
        Assert.That(meetings.GroupBy(m => (m.GetProperty("slot").GetInt32(), m.GetProperty("table").GetInt32())).Select(g => g.Count()), Is.All.EqualTo(1));
        Assert.That(meetings.Where(m => m.GetProperty("participantAId").GetInt64() == ids["dairy"] || m.GetProperty("participantBId").GetInt64() == ids["dairy"])
            .Select(m => m.GetProperty("slot").GetInt32()), Has.None.LessThan(2), "the dairy is away in slots 0 and 1");
        Assert.That(meetings.Where(m => m.GetProperty("participantAId").GetInt64() == ids["collars"] || m.GetProperty("participantBId").GetInt64() == ids["collars"])
            .Select(m => m.GetProperty("table").GetInt32()), Is.All.EqualTo(2), "the host keeps its table");
        Assert.That(pairs, Has.None.Matches<(long A, long B)>(p => (p.A, p.B) == (ids["dairy"], ids["collars"]) || (p.B, p.A) == (ids["dairy"], ids["collars"])));
        var must = meetings.Single(m => new[] { m.GetProperty("participantAId").GetInt64(), m.GetProperty("participantBId").GetInt64() }.Order().SequenceEqual(new[] { ids["hotel"], ids["vibration"] }.Order()));
        Assert.That(must.GetProperty("origin").GetString(), Is.EqualTo("requested"));
        Assert.That(must.GetProperty("slot").GetInt32(), Is.GreaterThanOrEqualTo(6), "afternoon slots are 6-9");
        Assert.That(meetings.Select(m => m.GetProperty("reasons").GetArrayLength()), Is.All.GreaterThan(0));
        Assert.That(meetings[0].GetProperty("start").GetString(), Does.StartWith("2027-03-18T"));

        var figures = schedule.GetProperty("figures");
        Assert.That(figures.GetProperty("meetingsPlaced").GetInt32(), Is.EqualTo(meetings.Count));
        Assert.That(figures.GetProperty("maxMeetings").GetInt32(), Is.GreaterThanOrEqualTo(1));
        Assert.That(figures.TryGetProperty("holes", out _) && figures.TryGetProperty("solverSeconds", out _) && figures.TryGetProperty("capacityBound", out _), Is.True);
    }

    [Test]
    public async Task WithoutCrossSideRulesTechProvidersAreMatchedWithEachOther()
    {
        var created = await Client.PostAsJsonAsync("/events", new
        {
            name = "Tech meets tech",
            format = "matchmaking",
            timeZone = "UTC",
            sessions = new[] { new { name = "day", start = "2027-05-01T10:00:00", end = "2027-05-01T13:00:00" } },
            meetingMinutes = 30,
            tables = 5,
            rules = new { crossSideOnly = false, maxMeetings = 2 },
        });
        var eventId = (await created.Content.ReadFromJsonAsync<TestRequests.IdOnly>())!.Id;
        var import = await Client.PostAsJsonAsync($"/events/{eventId}/participants/import", new object[]
        {
            new { organization = "Vision", role = "tech-provider", offers = "Camera inspection software.", needs = "We need cheap industrial cameras." },
            new { organization = "Cameras", role = "tech-provider", offers = "Cheap industrial cameras.", needs = "We look for cloud hosting in the EU." },
            new { organization = "Cloud", role = "tech-provider", offers = "Cloud hosting in the EU.", needs = "We want camera inspection software for our data centre." },
        });
        Assert.That(import.StatusCode, Is.EqualTo(HttpStatusCode.OK), await import.Content.ReadAsStringAsync());

        var schedule = await CreateScheduleAsync(eventId);

        // Three providers who may each meet twice: all three pairs, a triangle a seeker/provider split cannot hold.
        var meetings = schedule.GetProperty("meetings").EnumerateArray().ToList();
        Assert.That(meetings, Has.Count.EqualTo(3));
        Assert.That(meetings.Select(m => m.GetProperty("origin").GetString()), Is.All.EqualTo("suggested"));
        Assert.That(meetings.Select(m => m.GetProperty("reasons").GetArrayLength()), Is.All.GreaterThan(0));
        Assert.That(schedule.GetProperty("figures").GetProperty("capacityBound").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public async Task ImpossibleRequestsAreListedAsUnplacedWithTheReason()
    {
        var (eventId, ids) = await EventWithPeopleAsync("Overbooked bakery");
        // The bakery takes one meeting only; two organisers' musts cannot both happen.
        (await Client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = ids["bakery"], toId = ids["forecast"], status = "must" })).EnsureSuccessStatusCode();
        (await Client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = ids["bakery"], toId = ids["pricing"], status = "must" })).EnsureSuccessStatusCode();

        var schedule = await CreateScheduleAsync(eventId);

        var unplaced = schedule.GetProperty("unplaced").EnumerateArray().ToList();
        Assert.That(unplaced, Has.Count.EqualTo(1));
        Assert.That(unplaced[0].GetProperty("why").GetString(), Does.Contain("Bakery"));
        Assert.That(unplaced[0].GetProperty("origin").GetString(), Is.EqualTo("requested"));
    }

    [Test]
    public async Task VersionsAreListedFetchedAndPublished()
    {
        var (eventId, _) = await EventWithPeopleAsync("Versions");
        await (await Client.GetAsync($"/events/{eventId}/schedules/latest")).AssertProblemAsync(HttpStatusCode.NotFound);
        await CreateScheduleAsync(eventId);
        var second = await CreateScheduleAsync(eventId);

        Assert.That(second.GetProperty("version").GetInt32(), Is.EqualTo(2));
        var list = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/schedules");
        Assert.That(list.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()), Is.EqualTo(new[] { 1, 2 }));
        var latest = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/schedules/latest");
        Assert.That(latest.GetProperty("version").GetInt32(), Is.EqualTo(2));
        var first = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/schedules/1");
        Assert.That(first.GetProperty("publishedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));

        var published = await Client.PostAsync($"/events/{eventId}/schedules/1/publish", null);

        var body = await published.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("publishedAt").GetDateTimeOffset(), Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5)));
        await (await Client.GetAsync($"/events/{eventId}/schedules/9")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.PostAsync($"/events/{eventId}/schedules/9/publish", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task AFailedWriteLeavesThePreviousVersionReadable()
    {
        var (eventId, _) = await EventWithPeopleAsync("Failing write");
        var first = await CreateScheduleAsync(eventId);
        await using (var connection = new SqliteConnection($"Data Source={App.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var trigger = connection.CreateCommand();
            // The disk "fills up" half-way through writing version 2's meetings.
            trigger.CommandText = $"""
                CREATE TRIGGER fail_version_2 BEFORE INSERT ON schedule_meetings
                WHEN (SELECT version FROM schedules WHERE id = NEW.schedule_id) = 2 AND (SELECT event_id FROM schedules WHERE id = NEW.schedule_id) = {eventId}
                BEGIN SELECT RAISE(ABORT, 'disk full'); END;
                """;
            await trigger.ExecuteNonQueryAsync();
        }

        var failed = await Client.PostAsync($"/events/{eventId}/schedules?seconds=0.5", null);

        await failed.AssertProblemAsync(HttpStatusCode.InternalServerError);
        var latest = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/schedules/latest");
        Assert.That(latest.GetProperty("version").GetInt32(), Is.EqualTo(1));
        Assert.That(latest.GetProperty("meetings").GetArrayLength(), Is.EqualTo(first.GetProperty("meetings").GetArrayLength()));
        var list = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/schedules");
        Assert.That(list.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }

    [TestCase("0")]
    [TestCase("61")]
    [TestCase("soon")]
    public async Task ABadBudgetIs400(string seconds)
    {
        var eventId = await Client.CreateEventAsync($"Budget {seconds}");

        var response = await Client.PostAsync($"/events/{eventId}/schedules?seconds={seconds}", null);

        await response.AssertValidationProblemAsync("seconds");
    }

    [TestCase("POST", "schedules?seconds=soon", "seconds", "'soon' is not a number.")]
    [TestCase("POST", "schedules?seconds=1e999x", "seconds", "'1e999x' is not a number.")]
    [TestCase("GET", "participants?page=two", "page", "'two' is not a whole number.")]
    [TestCase("GET", "requests?participantId=seven", "participantId", "'seven' is not a whole number.")]
    [TestCase("GET", "agendas?version=last", "version", "'last' is not a whole number.")]
    public async Task AValueThatIsNotANumberIsNamedInWords(string method, string path, string field, string message)
    {
        var eventId = await Client.CreateEventAsync($"Words {path}");

        using var request = new HttpRequestMessage(new HttpMethod(method), $"/events/{eventId}/{path}");
        var errors = await (await Client.SendAsync(request)).AssertValidationProblemAsync(field);

        Assert.That(errors.GetProperty(field)[0].GetString(), Is.EqualTo(message));
    }

    [Test]
    public async Task AnotherTenantsSchedulesAre404()
    {
        var (eventId, _) = await EventWithPeopleAsync("Private schedules");
        await CreateScheduleAsync(eventId);
        using var stranger = App.Client(MatchmakingApp.KeyB);

        await (await stranger.PostAsync($"/events/{eventId}/schedules", null)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/events/{eventId}/schedules")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/events/{eventId}/schedules/latest")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/events/{eventId}/schedules/1")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsync($"/events/{eventId}/schedules/1/publish", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task ARepairKeepsUnaffectedMeetingsInPlaceAndRefillsTheCancelledOne()
    {
        var (eventId, ids) = await EventWithPeopleAsync("Repair after cancellation");
        var first = await CreateScheduleAsync(eventId);
        var meetings = first.GetProperty("meetings").EnumerateArray().ToList();
        var cancelled = meetings[0];

        var cancel = await Client.DeleteAsync($"/events/{eventId}/schedules/latest/meetings/{cancelled.GetProperty("meetingId").GetInt64()}");

        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var latest = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/schedules/latest");
        Assert.That(latest.GetProperty("meetings").EnumerateArray().Count(m => m.GetProperty("cancelledAt").ValueKind != JsonValueKind.Null), Is.EqualTo(1));

        var response = await Client.PostAsync($"/events/{eventId}/schedules?mode=repair&seconds=0.5", null);

        var repaired = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), repaired.ToString());
        Assert.That(repaired.GetProperty("version").GetInt32(), Is.EqualTo(2));
        static (long, long, int, int) Placement(JsonElement m) =>
            (Math.Min(m.GetProperty("participantAId").GetInt64(), m.GetProperty("participantBId").GetInt64()),
             Math.Max(m.GetProperty("participantAId").GetInt64(), m.GetProperty("participantBId").GetInt64()),
             m.GetProperty("slot").GetInt32(), m.GetProperty("table").GetInt32());
        var after = repaired.GetProperty("meetings").EnumerateArray().Select(Placement).ToList();
        foreach (var kept in meetings.Skip(1).Select(Placement))
        {
            Assert.That(after, Does.Contain(kept), "an unaffected meeting keeps its slot and table");
        }
        var gone = Placement(cancelled);
        Assert.That(after.Select(a => (a.Item1, a.Item2)), Does.Not.Contain((gone.Item1, gone.Item2)));
        var changes = repaired.GetProperty("changes");
        Assert.That(changes.GetProperty("kept").GetInt32(), Is.EqualTo(meetings.Count - 1));
        Assert.That(changes.GetProperty("moved").GetArrayLength(), Is.Zero);
        Assert.That(changes.GetProperty("dropped").EnumerateArray().Single().GetProperty("why").GetString(), Is.EqualTo("Cancelled."));
    }

    [Test]
    public async Task ARepairMovesMeetingsAParticipantCanNoLongerAttend()
    {
        var (eventId, ids) = await EventWithPeopleAsync("Repair after new unavailability");
        var first = await CreateScheduleAsync(eventId);
        var hotelMeeting = first.GetProperty("meetings").EnumerateArray()
            .First(m => m.GetProperty("participantAId").GetInt64() == ids["hotel"] || m.GetProperty("participantBId").GetInt64() == ids["hotel"]);
        var lost = hotelMeeting.GetProperty("slot").GetInt32();
        (await Client.PutAsJsonAsync($"/events/{eventId}/participants/{ids["hotel"]}",
            new { externalId = "hotel", organization = "Hotel", role = "traditional-sme", needs = "Our rooms are empty in winter.", unavailableSlots = new[] { lost } }))
            .EnsureSuccessStatusCode();

        var response = await Client.PostAsync($"/events/{eventId}/schedules?mode=repair&seconds=0.5", null);

        var repaired = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), repaired.ToString());
        Assert.That(repaired.GetProperty("meetings").EnumerateArray()
            .Where(m => m.GetProperty("participantAId").GetInt64() == ids["hotel"] || m.GetProperty("participantBId").GetInt64() == ids["hotel"])
            .Select(m => m.GetProperty("slot").GetInt32()), Has.None.EqualTo(lost));
        var moved = repaired.GetProperty("changes").GetProperty("moved").EnumerateArray().ToList();
        Assert.That(moved.Select(m => m.GetProperty("fromSlot").GetInt32()), Does.Contain(lost));
    }

    [Test]
    public async Task RepairNeedsASchedule()
    {
        var (eventId, _) = await EventWithPeopleAsync("Nothing to repair");

        await (await Client.PostAsync($"/events/{eventId}/schedules?mode=repair", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await Client.PostAsync($"/events/{eventId}/schedules?mode=mend", null)).AssertValidationProblemAsync("mode");
        await (await Client.DeleteAsync($"/events/{eventId}/schedules/latest/meetings/999999")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task AMeetingWantedAfterAnotherComesLater()
    {
        var (eventId, ids) = await EventWithPeopleAsync("Precedence day");
        var first = await Client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = ids["mill"], toId = ids["vibration"], status = "must", session = "afternoon" });
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var second = await Client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = ids["mill"], toId = ids["forecast"], status = "must", after = firstId });
        var body = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        Assert.That(body.GetProperty("after").GetInt64(), Is.EqualTo(firstId));

        var meetings = (await CreateScheduleAsync(eventId)).GetProperty("meetings").EnumerateArray().ToList();

        int SlotWith(long partner) => meetings.Single(m => new[] { m.GetProperty("participantAId").GetInt64(), m.GetProperty("participantBId").GetInt64() }
            .Order().SequenceEqual(new[] { ids["mill"], partner }.Order())).GetProperty("slot").GetInt32();
        Assert.That(SlotWith(ids["forecast"]), Is.GreaterThan(SlotWith(ids["vibration"])));
    }

    /// <summary>Must: mill and vibration in the afternoon; then mill and forecast in the morning, after the first.</summary>
    private async Task<(long EventId, Dictionary<string, long> Ids)> MorningAfterAfternoonAsync(string name, string secondStatus)
    {
        var (eventId, ids) = await EventWithPeopleAsync(name);
        var first = await Client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = ids["mill"], toId = ids["vibration"], status = "must", session = "afternoon" });
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await Client.PostAsJsonAsync($"/events/{eventId}/requests",
            new { fromId = ids["mill"], toId = ids["forecast"], status = secondStatus, session = "morning", after = firstId })).EnsureSuccessStatusCode();
        return (eventId, ids);
    }

    [Test]
    public async Task ForcedMeetingsThatCannotKeepTheirOrderAre409WithTheReasonAndNothingStored()
    {
        var (eventId, _) = await MorningAfterAfternoonAsync("Impossible order", "must");

        var problem = await (await Client.PostAsync($"/events/{eventId}/schedules?seconds=0.5", null)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.That(problem.GetProperty("detail").GetString(),
            Is.EqualTo("The requested meetings cannot all be placed: the meeting of Mill and Forecast must come after the meeting of Mill and Vibration, " +
                "but with their free slots, session wishes, fixed slots and other precedences the earlier one can take place no sooner than slot 6 " +
                "and the later one no later than slot 5."));
        await (await Client.GetAsync($"/events/{eventId}/schedules/latest")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task AWishedMeetingThatCannotKeepItsOrderIsLeftOutWithTheReason()
    {
        var (eventId, ids) = await MorningAfterAfternoonAsync("Wished order", "requested");

        var schedule = await CreateScheduleAsync(eventId);

        var unplaced = schedule.GetProperty("unplaced").EnumerateArray()
            .Single(u => new[] { u.GetProperty("participantAId").GetInt64(), u.GetProperty("participantBId").GetInt64() }.Order().SequenceEqual(new[] { ids["mill"], ids["forecast"] }.Order()));
        Assert.That(unplaced.GetProperty("why").GetString(), Does.StartWith("the meeting of Mill and Forecast must come after the meeting of Mill and Vibration"));
        Assert.That(unplaced.GetProperty("origin").GetString(), Is.EqualTo("requested"));
        Assert.That(schedule.GetProperty("meetings").EnumerateArray().Select(m => (m.GetProperty("participantAId").GetInt64(), m.GetProperty("participantBId").GetInt64())),
            Has.Some.Matches<(long A, long B)>(p => new[] { p.A, p.B }.Order().SequenceEqual(new[] { ids["mill"], ids["vibration"] }.Order())), "the must meeting stays");
    }

    [Test]
    public async Task TwoForcedMeetingsFixedInOneSlotForOneParticipantAre409()
    {
        var (eventId, ids) = await EventWithPeopleAsync("One slot, two meetings");
        foreach (var partner in new[] { "vibration", "forecast" })
        {
            (await Client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = ids["mill"], toId = ids[partner], status = "must", fixedSlot = 3 })).EnsureSuccessStatusCode();
        }

        var problem = await (await Client.PostAsync($"/events/{eventId}/schedules?seconds=0.5", null)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.That(problem.GetProperty("detail").GetString(),
            Is.EqualTo("The requested meetings cannot all be placed: Mill has 2 meetings, but its free slots, session wishes and fixed slots hold at most 1 of them."));
        await (await Client.GetAsync($"/events/{eventId}/schedules/latest")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task MoreForcedMeetingsFixedInASlotThanTablesAre409()
    {
        var (eventId, ids) = await EventWithPeopleAsync("Four in one slot");
        foreach (var (sme, provider) in new[] { ("dairy", "collars"), ("bakery", "forecast"), ("hotel", "pricing"), ("mill", "vibration") })
        {
            (await Client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = ids[sme], toId = ids[provider], status = "must", fixedSlot = 3 })).EnsureSuccessStatusCode();
        }

        var problem = await (await Client.PostAsync($"/events/{eventId}/schedules?seconds=0.5", null)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo("The requested meetings cannot all be placed: Slot 3 has 4 meetings that can " +
            "take no other slot (fixed slots, or the only slot free for both), and 3 tables."));
        await (await Client.GetAsync($"/events/{eventId}/schedules/latest")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task AnOrderAgainstAnUnknownOrUnwantedRequestIs400()
    {
        var (eventId, ids) = await EventWithPeopleAsync("Bad precedence");
        var avoid = await Client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = ids["hotel"], toId = ids["collars"], status = "avoid" });
        var avoidId = (await avoid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        await (await Client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = ids["hotel"], toId = ids["pricing"], status = "must", after = 999999 }))
            .AssertValidationProblemAsync("after");
        await (await Client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = ids["hotel"], toId = ids["pricing"], status = "must", after = avoidId }))
            .AssertValidationProblemAsync("after");
    }
}
