using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Matchmaking.Tests.Api;

public sealed class HealthTests
{
    [Test]
    public async Task HealthIs200WhenTheDatabaseAnswers()
    {
        using var app = new MatchmakingApp();
        using var client = app.Client(apiKey: null);

        var response = await client.GetAsync("/health");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task HealthIs503WhenTheDatabaseIsGone()
    {
        using var app = new MatchmakingApp();
        using var client = app.Client(apiKey: null);
        Assert.That((await client.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Directory.Delete(app.Folder, recursive: true);
        SqliteConnection.ClearAllPools();
        var response = await client.GetAsync("/health");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Unhealthy"));
    }
}
