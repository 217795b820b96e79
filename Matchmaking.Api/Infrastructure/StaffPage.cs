namespace Matchmaking.Api.Infrastructure;

/// <summary>The staff page: static files from <c>wwwroot</c> at <c>/</c>, served without a key (the page holds no data).</summary>
public static class StaffPage
{
    // Scripts and styles only from this origin; inline styles stay allowed for the agendas the page opens from blobs,
    // which inherit this policy.
    private const string ContentSecurityPolicy =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; " +
        "form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseStaffPage(this IApplicationBuilder app)
    {
        app.UseDefaultFiles();
        return app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.CacheControl = "no-cache";
            },
        });
    }
}
