using System.Security.Cryptography;
using System.Text;

namespace Dealership.Schema;

/// <summary>One numbered SQL script. Scripts are never edited once released; a fix is a new script.</summary>
public sealed record Migration(int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    /// <summary>The scripts embedded in this assembly, in version order.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    private static List<Migration> Load()
    {
        var assembly = typeof(Migration).Assembly;
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Migrations/", StringComparison.Ordinal)))
        {
            var fileName = resource["Migrations/".Length..];
            var version = int.Parse(fileName[..fileName.IndexOf('_')], System.Globalization.CultureInfo.InvariantCulture);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            list.Add(new Migration(version, Path.GetFileNameWithoutExtension(fileName), reader.ReadToEnd()));
        }

        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        if (list.Select(m => m.Version).Distinct().Count() != list.Count)
        {
            throw new InvalidOperationException("Two migration scripts share a version number.");
        }

        return list;
    }
}
