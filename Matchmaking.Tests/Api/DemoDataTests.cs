using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Matchmaking.Tests.Api;

public sealed class DemoDataTests
{
    [Test]
    public async Task TheDemoEventIsLoadedForTheDemoTenantOnFirstStart()
    {
        using var app = new MatchmakingApp(new Dictionary<string, string?>
        {
            ["Matchmaking:DemoTenant"] = "demo",
            ["Matchmaking:ApiKeys:demo-key"] = "demo",
        });
        using var client = app.Client("demo-key");

        var events = (await client.GetFromJsonAsync<JsonElement>("/events")).GetProperty("items");

        Assert.That(events.GetArrayLength(), Is.EqualTo(1));
        var demo = events[0];
        Assert.That(demo.GetProperty("name").GetString(), Does.Contain("Tech + AgriFood"));
        Assert.That(demo.GetProperty("meetingMinutes").GetInt32(), Is.EqualTo(20));
        Assert.That(demo.GetProperty("sessions").GetArrayLength(), Is.EqualTo(2));
        var participants = await client.GetFromJsonAsync<JsonElement>($"/events/{demo.GetProperty("id").GetInt64()}/participants?pageSize=500");
        var items = participants.GetProperty("items").EnumerateArray().ToList();
        Assert.That(participants.GetProperty("total").GetInt32(), Is.GreaterThanOrEqualTo(120));
        var tech = items.Count(p => p.GetProperty("role").GetString() == "tech-provider");
        var sme = items.Count(p => p.GetProperty("role").GetString() == "traditional-sme");
        Assert.That(Math.Abs(tech - sme), Is.LessThanOrEqualTo(items.Count / 10), $"{tech} tech providers vs {sme} traditional SMEs");
        Assert.That(items.Select(p => p.GetProperty("organization").GetString()).Distinct().Count(), Is.EqualTo(items.Count));
    }

    [Test]
    public async Task TheDemoCsvImportsCleanlyThroughTheApi()
    {
        using var app = new MatchmakingApp();
        using var client = app.Client();
        var eventJson = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "demo-event.json"));
        var created = await client.PostAsync("/events", new StringContent(eventJson, System.Text.Encoding.UTF8, "application/json"));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var eventId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var csv = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "data", "demo-participants.csv"));
        using var content = new ByteArrayContent(csv) { Headers = { ContentType = new("text/csv") } };

        var response = await client.PostAsync($"/events/{eventId}/participants/import", content);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var rows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", "demo-participants.csv")).Length - 1;
        Assert.That(body.GetProperty("created").GetInt32(), Is.EqualTo(rows));

        using var again = new ByteArrayContent(csv) { Headers = { ContentType = new("text/csv") } };
        var reimport = await (await client.PostAsync($"/events/{eventId}/participants/import", again)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(reimport.GetProperty("updated").GetInt32(), Is.EqualTo(rows));
        Assert.That(reimport.GetProperty("created").GetInt32(), Is.EqualTo(0));
    }

    [Test]
    public async Task TheDemoIsNotLoadedAgainOnceTheDatabaseExists()
    {
        var settings = new Dictionary<string, string?> { ["Matchmaking:DemoTenant"] = "demo", ["Matchmaking:ApiKeys:demo-key"] = "demo" };
        using var first = new MatchmakingApp(settings);
        using (var client = first.Client("demo-key"))
        {
            var events = (await client.GetFromJsonAsync<JsonElement>("/events")).GetProperty("items");
            Assert.That((await client.DeleteAsync($"/events/{events[0].GetProperty("id").GetInt64()}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }
        var restartSettings = new Dictionary<string, string?>(settings) { ["ConnectionStrings:Matchmaking"] = $"Data Source={first.DatabasePath}" };
        using var second = new MatchmakingApp(restartSettings);
        using var restarted = second.Client("demo-key");

        var after = (await restarted.GetFromJsonAsync<JsonElement>("/events")).GetProperty("items");

        Assert.That(after.GetArrayLength(), Is.EqualTo(0));
    }
}
