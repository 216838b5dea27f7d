using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Dealership.Gateway.Auth;

/// <summary>Staff sign in for a token (JWT, HMAC-signed with the key every gateway shares); a refused token gets a ProblemDetails.</summary>
public static class AuthSetup
{
    public static WebApplicationBuilder AddStaffAuthentication(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings();
        auth.Validate();
        builder.Services.Configure<AuthSettings>(builder.Configuration.GetSection("Auth"));
        builder.Services.AddSingleton<TokenService>();
        builder.Services.AddSingleton<StaffStandingCache>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = auth.Issuer,
                ValidAudience = TokenService.StaffAudience,
                IssuerSigningKeys = auth.PreviousSigningKey is { Length: > 0 } previous && previous != auth.SigningKey
                    ? [TokenService.KeyOf(auth.SigningKey), TokenService.KeyOf(previous)]
                    : [TokenService.KeyOf(auth.SigningKey)],
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = StaffClaims.Name,
                RoleClaimType = StaffClaims.Role,
            };
            o.Events = new JwtBearerEvents
            {
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await Results.Problem(statusCode: 401, title: "Unauthorized",
                        detail: "A valid Bearer token is required; get one from POST /api/auth/token.",
                        extensions: new Dictionary<string, object?> { ["code"] = "unauthorized" }).ExecuteAsync(context.HttpContext);
                },
            };
        });
        builder.Services.AddAuthorization();
        return builder;
    }

    /// <summary>Authentication, then the caller every request carries into the cluster, then authorization.</summary>
    public static WebApplication UseStaffAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<CallerMiddleware>();
        app.UseAuthorization();
        return app;
    }
}
