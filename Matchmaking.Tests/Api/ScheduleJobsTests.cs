using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Matchmaking.Tests.Api;

/// <summary>With the job threshold at one participant, every schedule request of these tests runs as a job.</summary>
public sealed class ScheduleJobsTests() : ApiTests(new Dictionary<string, string?> { ["Matchmaking:ScheduleJobParticipants"] = "1" })
{
    [Test]
    public async Task ABigEventGetsAJobThatLinksToTheSchedule()
    {
        var eventId = await Client.CreateEventAsync("Job day");
        await Client.CreateParticipantAsync(eventId, new { organization = "Farm", role = "traditional-sme", needs = "Our cows fall ill before we notice." });
        await Client.CreateParticipantAsync(eventId, new { organization = "Collars", role = "tech-provider", offers = "Cattle collars that detect illness early." });

        var response = await Client.PostAsync($"/events/{eventId}/schedules?seconds=0.3", null);

        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), accepted.ToString());
        Assert.That(accepted.GetProperty("status").GetString(), Is.EqualTo("queued").Or.EqualTo("running"));
        var location = response.Headers.Location!.ToString();
        Assert.That(location, Is.EqualTo($"/events/{eventId}/jobs/{accepted.GetProperty("id").GetString()}"));

        var done = await WaitForJobAsync(location);

        Assert.That(done.GetProperty("status").GetString(), Is.EqualTo("succeeded"), done.ToString());
        Assert.That(done.GetProperty("progress").GetInt32(), Is.EqualTo(100));
        var schedule = await Client.GetFromJsonAsync<JsonElement>(done.GetProperty("result").GetString()!);
        Assert.That(schedule.GetProperty("meetings").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task AJobThatCannotScheduleFailsWithTheReason()
    {
        // 100 slots of 5 minutes: more than a schedule can hold.
        var response = await Client.PostAsJsonAsync("/events", new
        {
            name = "Too many slots",
            format = "matchmaking",
            timeZone = "UTC",
            sessions = new[] { new { name = "long day", start = "2027-05-01T06:00:00", end = "2027-05-01T14:20:00" } },
            meetingMinutes = 5,
            tables = 2,
        });
        var eventId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await Client.CreateParticipantAsync(eventId, new { organization = "Farm", role = "traditional-sme", needs = "Help." });
        await Client.CreateParticipantAsync(eventId, new { organization = "Tech", role = "tech-provider", offers = "Help." });

        var started = await Client.PostAsync($"/events/{eventId}/schedules?seconds=0.3", null);
        var done = await WaitForJobAsync(started.Headers.Location!.ToString());

        Assert.That(done.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(done.GetProperty("error").GetString(), Does.Contain("64 slots"));
        Assert.That(done.GetProperty("result").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task UnknownJobsAndOtherTenantsJobsAre404()
    {
        var eventId = await Client.CreateEventAsync("Job privacy");
        await Client.CreateParticipantAsync(eventId, new { organization = "Farm", role = "traditional-sme", needs = "Help." });
        await Client.CreateParticipantAsync(eventId, new { organization = "Tech", role = "tech-provider", offers = "Help." });
        var location = (await Client.PostAsync($"/events/{eventId}/schedules?seconds=0.3", null)).Headers.Location!.ToString();
        using var stranger = App.Client(MatchmakingApp.KeyB);

        await (await stranger.GetAsync(location)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/events/{eventId}/jobs/no-such-job")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
