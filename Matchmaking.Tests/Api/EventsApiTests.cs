using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Matchmaking.Tests.Api;

public sealed class EventsApiTests : ApiTests
{
    [Test]
    public async Task PostingAnEventReturnsCreatedWithLocationAndTheStoredEvent()
    {
        var response = await Client.PostAsJsonAsync("/events", TestRequests.Event("Created event"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetInt64();
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/events/{id}"));
        Assert.That(body.GetProperty("name").GetString(), Is.EqualTo("Created event"));
        Assert.That(body.GetProperty("format").GetString(), Is.EqualTo("matchmaking"));
        Assert.That(body.GetProperty("sessions")[0].GetProperty("start").GetString(), Is.EqualTo("2027-03-18T09:00:00"));
        Assert.That(body.GetProperty("rules").GetProperty("maxMeetings").GetInt32(), Is.EqualTo(8));
        // 09:00-12:00 with 20 + 10 minutes gives 6 slots, 14:00-16:00 gives 4.
        Assert.That(body.GetProperty("slotCount").GetInt32(), Is.EqualTo(10));

        var fetched = await Client.GetFromJsonAsync<JsonElement>($"/events/{id}");
        Assert.That(fetched.GetProperty("topic").GetString(), Is.EqualTo(body.GetProperty("topic").GetString()));
    }

    [Test]
    public async Task CrossSideOnlyDefaultsToTrue()
    {
        var response = await Client.PostAsJsonAsync("/events", new
        {
            name = "Defaults",
            format = "hackathon",
            timeZone = "UTC",
            sessions = new[] { new { name = "day", start = "2027-05-01T10:00:00", end = "2027-05-01T11:00:00" } },
            meetingMinutes = 30,
            tables = 2,
        });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        Assert.That(body.GetProperty("rules").GetProperty("crossSideOnly").GetBoolean(), Is.True);
        Assert.That(body.GetProperty("pauseMinutes").GetInt32(), Is.EqualTo(0));
        Assert.That(body.GetProperty("slotCount").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task ListingEventsShowsOnlyTheCallersOwn()
    {
        await Client.CreateEventAsync("Listed for A");
        using var other = App.Client(MatchmakingApp.KeyB);
        await other.CreateEventAsync("Listed for B");

        var mine = await Client.GetFromJsonAsync<JsonElement>("/events");
        var names = mine.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("name").GetString()).ToList();

        Assert.That(names, Does.Contain("Listed for A"));
        Assert.That(names, Does.Not.Contain("Listed for B"));
    }

    [Test]
    public async Task PuttingAnEventReplacesItsDefinition()
    {
        var id = await Client.CreateEventAsync("Before rename");

        var response = await Client.PutAsJsonAsync($"/events/{id}", TestRequests.Event("After rename", tables: 30));

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("name").GetString(), Is.EqualTo("After rename"));
        Assert.That(body.GetProperty("tables").GetInt32(), Is.EqualTo(30));
        Assert.That(body.GetProperty("updatedAt").GetDateTimeOffset(), Is.GreaterThanOrEqualTo(body.GetProperty("createdAt").GetDateTimeOffset()));
    }

    [Test]
    public async Task ShrinkingAnEventBelowItsParticipantsSlotsIsAConflictAndChangesNothing()
    {
        var id = await Client.CreateEventAsync("Shrink refused");
        await Client.CreateParticipantAsync(id, TestRequests.Participant("Late Arrivals Ltd", unavailableSlots: [9]));
        var shorter = new
        {
            name = "Shrink refused",
            format = "matchmaking",
            timeZone = "Europe/Madrid",
            sessions = new[] { new { name = "morning", start = "2027-03-18T09:00:00", end = "2027-03-18T10:00:00" } },
            meetingMinutes = 20,
            tables = 10,
        };

        var response = await Client.PutAsJsonAsync($"/events/{id}", shorter);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("Late Arrivals Ltd"));
        var stored = await Client.GetFromJsonAsync<JsonElement>($"/events/{id}");
        Assert.That(stored.GetProperty("slotCount").GetInt32(), Is.EqualTo(10));
    }

    [Test]
    public async Task DeletingAnEventRemovesItAndItsParticipants()
    {
        var id = await Client.CreateEventAsync("To delete");
        var participantId = await Client.CreateParticipantAsync(id, TestRequests.Participant("Gone Soon SL"));

        var response = await Client.DeleteAsync($"/events/{id}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await Client.GetAsync($"/events/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/events/{id}/participants/{participantId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={App.DatabasePath}");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM participants WHERE event_id = {id}";
        Assert.That(await count.ExecuteScalarAsync(), Is.EqualTo(0L));
    }

    [Test]
    public async Task SlotsAreListedInTheEventZoneAndInUtc()
    {
        var id = await Client.CreateEventAsync("Slots");

        var slots = (await Client.GetFromJsonAsync<JsonElement>($"/events/{id}/slots")).GetProperty("items");

        Assert.That(slots.GetArrayLength(), Is.EqualTo(10));
        var first = slots[0];
        Assert.That(first.GetProperty("index").GetInt32(), Is.EqualTo(0));
        Assert.That(first.GetProperty("session").GetString(), Is.EqualTo("morning"));
        Assert.That(first.GetProperty("start").GetString(), Is.EqualTo("2027-03-18T09:00:00+01:00"));
        Assert.That(first.GetProperty("startUtc").GetString(), Is.EqualTo("2027-03-18T08:00:00Z"));
        Assert.That(first.GetProperty("end").GetString(), Is.EqualTo("2027-03-18T09:20:00+01:00"));
        var firstAfternoon = slots[6];
        Assert.That(firstAfternoon.GetProperty("session").GetString(), Is.EqualTo("afternoon"));
        Assert.That(firstAfternoon.GetProperty("start").GetString(), Is.EqualTo("2027-03-18T14:00:00+01:00"));
    }

    [Test]
    public async Task AnEventWithMissingAndInvalidFieldsIsRejectedFieldByField()
    {
        var response = await Client.PostAsJsonAsync("/events", new
        {
            format = "speed-dating",
            timeZone = "Mars/Olympus",
            sessions = new[] { new { name = "morning", start = "2027-03-18T12:00:00", end = "2027-03-18T09:00:00" } },
            meetingMinutes = 2,
            tables = 0,
            rules = new { minMeetings = 5, maxMeetings = 2 },
        });

        await response.AssertValidationProblemAsync(
            "name", "format", "timeZone", "sessions[0].end", "meetingMinutes", "tables", "rules.minMeetings");
    }

    [Test]
    public async Task SessionTimesWithAnOffsetAreRejected()
    {
        var response = await Client.PostAsJsonAsync("/events", new
        {
            name = "Offsets",
            format = "matchmaking",
            timeZone = "Europe/Madrid",
            sessions = new[] { new { name = "morning", start = "2027-03-18T09:00:00Z", end = "2027-03-18T12:00:00+01:00" } },
            meetingMinutes = 20,
            tables = 3,
        });

        await response.AssertValidationProblemAsync("sessions[0].start", "sessions[0].end");
    }

    [Test]
    public async Task AWrongJsonTypeIsReportedOnItsField()
    {
        using var content = new StringContent("""{"name": "Typed", "tables": "many"}""", System.Text.Encoding.UTF8, "application/json");

        var response = await Client.PostAsync("/events", content);

        await response.AssertValidationProblemAsync("tables");
    }

    [Test]
    public async Task MalformedJsonIsABadRequest()
    {
        using var content = new StringContent("""{"name": "Broken", """, System.Text.Encoding.UTF8, "application/json");

        var response = await Client.PostAsync("/events", content);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task ASecondEventWithTheSameNameIsAConflict()
    {
        await Client.CreateEventAsync("Twice");

        var response = await Client.PostAsJsonAsync("/events", TestRequests.Event("twice"));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        var all = await Client.GetFromJsonAsync<JsonElement>("/events");
        Assert.That(all.GetProperty("items").EnumerateArray().Count(e => e.GetProperty("name").GetString()!.Equals("twice", StringComparison.OrdinalIgnoreCase)), Is.EqualTo(1));
    }

    [TestCase("GET", "/events/999999")]
    [TestCase("PUT", "/events/999999")]
    [TestCase("DELETE", "/events/999999")]
    [TestCase("GET", "/events/999999/slots")]
    public async Task AnUnknownEventIsNotFound(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "PUT")
        {
            request.Content = JsonContent.Create(TestRequests.Event("Nowhere"));
        }

        var response = await Client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
