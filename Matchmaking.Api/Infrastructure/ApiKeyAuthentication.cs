using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Matchmaking.Api.Infrastructure;

/// <summary>Authenticates callers by the <c>X-Api-Key</c> header; the key's tenant becomes the <c>tenant</c> claim.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<MatchmakingOptions> options,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string TenantClaim = "tenant";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var tenant = FindTenant(values[0]!, options.CurrentValue.ApiKeys);
        if (tenant is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }
        var identity = new ClaimsIdentity([new Claim(TenantClaim, tenant)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "API key missing or unknown",
                Detail = $"Send a valid key in the {HeaderName} header.",
            },
        });
    }

    /// <summary>
    /// Compares the key with every configured key in constant time (SHA-256 digests, so lengths leak nothing either)
    /// and never stops early, so timing tells nothing about how close a guess was.
    /// </summary>
    internal static string? FindTenant(string key, IReadOnlyDictionary<string, string> keys)
    {
        Span<byte> given = stackalloc byte[32];
        Span<byte> known = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), given);
        string? tenant = null;
        foreach (var (candidate, owner) in keys)
        {
            SHA256.HashData(Encoding.UTF8.GetBytes(candidate), known);
            if (CryptographicOperations.FixedTimeEquals(given, known))
            {
                tenant = owner;
            }
        }
        return tenant;
    }
}

public static class TenantExtensions
{
    /// <summary>The authenticated caller's tenant.</summary>
    public static string Tenant(this ClaimsPrincipal user) =>
        user.FindFirstValue(ApiKeyAuthenticationHandler.TenantClaim) ?? throw new InvalidOperationException("The request is not authenticated.");

    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        // Secure by default: every endpoint needs a key unless it says AllowAnonymous.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
                .RequireClaim(ApiKeyAuthenticationHandler.TenantClaim)
                .Build());
        return services;
    }
}
