using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Matchmaking.Tests.Api;

public sealed class ErrorHandlingTests
{
    [Test]
    public async Task ABodyOverTheConfiguredLimitIs400AndStoresNothing()
    {
        using var app = new MatchmakingApp(new Dictionary<string, string?> { ["Matchmaking:MaxRequestBodyBytes"] = "65536" });
        using var client = app.Client();
        var eventId = await client.CreateEventAsync("Limits");
        var csv = new StringBuilder("organization,role,offers\n");
        for (var i = 0; csv.Length <= 70_000; i++)
        {
            csv.Append("Org ").Append(i).Append(",tech-provider,").Append('x', 100).Append('\n');
        }

        var response = await client.PostAsync($"/events/{eventId}/participants/import", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));

        await response.AssertValidationProblemAsync("body");
        var list = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/events/{eventId}/participants");
        Assert.That(list.GetProperty("total").GetInt32(), Is.EqualTo(0));
    }

    [Test]
    public async Task TheDefaultBodyLimitIsTenMegabytes()
    {
        using var app = new MatchmakingApp();
        using var client = app.Client();
        var eventId = await client.CreateEventAsync("Default limit");

        var response = await client.PostAsync($"/events/{eventId}/participants/import",
            new ByteArrayContent(new byte[10 * 1024 * 1024 + 1]) { Headers = { ContentType = new("text/csv") } });

        await response.AssertValidationProblemAsync("body");
    }

    [Test]
    public async Task AnUnexpectedFailureIs500ProblemDetailsWithoutAStackTrace()
    {
        using var app = new MatchmakingApp();
        using var client = app.Client();
        await client.CreateEventAsync("Before the break");
        await using (var connection = new SqliteConnection($"Data Source={app.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "PRAGMA foreign_keys = OFF; DROP TABLE participants; DROP TABLE events;";
            await drop.ExecuteNonQueryAsync();
        }

        var response = await client.GetAsync("/events");

        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError);
        var text = problem.ToString();
        Assert.That(text, Does.Not.Contain("   at ").And.Not.Contain("SqliteException").And.Not.Contain("no such table"));
    }

    [Test]
    public async Task AMissingBodyIsABadRequest()
    {
        using var app = new MatchmakingApp();
        using var client = app.Client();

        var response = await client.PostAsync("/events", new StringContent("", Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
