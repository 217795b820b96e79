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

    [OneTimeTearDown]
    public void StopApp()
    {
        Client.Dispose();
        App.Dispose();
    }
}
