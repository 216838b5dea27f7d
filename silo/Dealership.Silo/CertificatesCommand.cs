using Dealership.Trust;

namespace Dealership.Silo;

/// <summary>
/// <c>Dealership.Silo certificates create DIR [--host H]...</c>: a new installation authority with a silo and a gateway certificate
/// (kept if DIR already has an authority). <c>Dealership.Silo certificates issue DIR NAME [--host H]... [--days N]</c>: one more
/// certificate from DIR's authority, for another machine or to renew one before it expires.
/// </summary>
public static class CertificatesCommand
{
    private static readonly TimeSpan AuthorityLife = TimeSpan.FromDays(3650);

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == "certificates";

    public static int Run(string[] args)
    {
        if (args.Length < 3 || args[1] is not ("create" or "issue"))
        {
            Console.Error.WriteLine("usage: certificates create DIR [--host H]... | certificates issue DIR NAME [--host H]... [--days N]");
            return 2;
        }

        var directory = args[2];
        var hosts = Values(args, "--host").Append("localhost").Append("127.0.0.1").Distinct().ToArray();
        var days = Values(args, "--days").Select(int.Parse).DefaultIfEmpty(825).Last();
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var authorityPath = Path.Combine(directory, "authority.crt");
        var authorityKeyPath = Path.Combine(directory, "authority.key");
        if (args[1] == "create")
        {
            if (File.Exists(authorityPath))
            {
                Console.WriteLine($"{authorityPath} exists; certificates kept.");
                return 0;
            }

            using var authority = ClusterCertificates.CreateAuthority("Dealership installation authority", now, now + AuthorityLife);
            ClusterCertificates.WritePem(authority, authorityPath, authorityKeyPath);
            Issue(authority, directory, "silo", hosts, now, days);
            Issue(authority, directory, "gateway", hosts, now, days);
            Console.WriteLine($"Created an installation authority and silo and gateway certificates in {directory}.");
            return 0;
        }

        if (args.Length < 4 || args[3].StartsWith("--", StringComparison.Ordinal))
        {
            Console.Error.WriteLine("usage: certificates issue DIR NAME [--host H]... [--days N]");
            return 2;
        }

        using var issuer = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(authorityPath, authorityKeyPath);
        Issue(issuer, directory, args[3], hosts, now, days);
        Console.WriteLine($"Issued {args[3]}.crt and {args[3]}.key in {directory}.");
        return 0;
    }

    private static void Issue(System.Security.Cryptography.X509Certificates.X509Certificate2 authority, string directory, string name,
        string[] hosts, DateTimeOffset now, int days)
    {
        using var certificate = ClusterCertificates.Issue(authority, name, hosts, now, now.AddDays(days));
        ClusterCertificates.WritePem(certificate, Path.Combine(directory, $"{name}.crt"), Path.Combine(directory, $"{name}.key"));
    }

    private static IEnumerable<string> Values(string[] args, string flag)
    {
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == flag)
            {
                yield return args[i + 1];
            }
        }
    }
}
