using Matchmaking.Core.Scoring;

namespace Matchmaking.Benchmarks;

/// <summary>Finds the repository's data/ folder from wherever the benchmark runs.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Data(params string[] parts) => Path.Combine([Root, "data", .. parts]);

    /// <summary>The trained pair-scoring model when it is there, else the weighted baseline (as the API chooses).</summary>
    public static IPairScorer Scorer() => ModelScorer.TryLoad(Data("models", "scoring.zip")) is { } model ? model : new WeightedScorer();

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Matchmaking.sln")))
                {
                    return folder.FullName;
                }
            }
        }
        throw new DirectoryNotFoundException("Run the benchmarks from inside the repository (Matchmaking.sln not found).");
    }
}
