using System.Net.Http.Json;
using System.Text.Json;

namespace Matchmaking.Tests.Api;

/// <summary>
/// Base of the HTTP test fixtures: one app with its own SQLite file per fixture, and a client with tenant A's key.
/// Tests create the events they need, so they do not depend on each other.
/// </summary>
public abstract class ApiTests(IReadOnlyDictionary<string, string?>? settings = null)
{
    protected MatchmakingApp App { get; private set; } = null!;

    protected HttpClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartApp()
    {
        App = new MatchmakingApp(settings);
        Client = App.Client();
    }

    /// <summary>Polls a job until it succeeds or fails (at most a minute).</summary>
    protected async Task<JsonElement> WaitForJobAsync(string location)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var job = await Client.GetFromJsonAsync<JsonElement>(location);
            if (job.GetProperty("status").GetString() is "succeeded" or "failed")
            {
                return job;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"Job {location} did not finish.");
        return default;
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        Client.Dispose();
        App.Dispose();
    }
}
