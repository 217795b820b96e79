using System.ComponentModel.DataAnnotations;

namespace Matchmaking.Api.Infrastructure;

/// <summary>The <c>Matchmaking</c> configuration section.</summary>
public sealed class MatchmakingOptions
{
    public const string Section = "Matchmaking";

    /// <summary>API key to tenant: <c>Matchmaking:ApiKeys:{key} = {tenant}</c>.</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = [];

    /// <summary>Requests with larger bodies get 400 before anything is read.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The trained pair-scoring model; default data/models/scoring.zip next to the binaries. Missing: weighted fallback.</summary>
    public string? ScoringModel { get; set; }

    /// <summary>Events with more participants than this get their schedule from a job (202) rather than in the response.</summary>
    [Range(0, int.MaxValue)]
    public int ScheduleJobParticipants { get; set; } = 1000;

    /// <summary>Schedule requests with a longer search budget (seconds) run as a job too.</summary>
    [Range(0, 3600)]
    public double ScheduleJobSeconds { get; set; } = 25;

    /// <summary>Imports with more new sentences to embed than this answer 202 and embed them in a job.</summary>
    [Range(0, int.MaxValue)]
    public int ImportJobSentences { get; set; } = 3000;

    /// <summary>When set, the demo event in data/ is loaded for this tenant the first time the database is created.</summary>
    public string? DemoTenant { get; set; }
}
