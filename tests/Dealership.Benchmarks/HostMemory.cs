using System.Diagnostics;

namespace Dealership.Benchmarks;

/// <summary>The memory of this machine's gateway, silo and PostgreSQL processes, from /proc (0 where there is none).</summary>
public static class HostMemory
{
    public static bool IsGateway(Process p) => p.ProcessName == "dotnet" && CommandLine(p).Contains("Dealership.Gateway", StringComparison.Ordinal);

    public static bool IsSilo(Process p) => p.ProcessName == "dotnet" && CommandLine(p).Contains("Dealership.Silo", StringComparison.Ordinal);

    public static bool IsPostgres(Process p) => p.ProcessName == "postgres";

    /// <summary>Resident memory now, in MB, summed over the matching processes.</summary>
    public static double ResidentMb(Func<Process, bool> which) =>
        Matching(which).Sum(p => { try { return p.WorkingSet64; } catch (InvalidOperationException) { return 0L; } }) / 1024.0 / 1024.0;

    /// <summary>The highest resident memory each matching process has had since it started (VmHWM), in MB, summed.</summary>
    public static double PeakMb(Func<Process, bool> which) =>
        Matching(which).Sum(p => Status(p, "VmHWM:")) / 1024.0;

    private static IEnumerable<Process> Matching(Func<Process, bool> which) =>
        Process.GetProcesses().Where(p => { try { return which(p); } catch (InvalidOperationException) { return false; } });

    // A line of /proc/{pid}/status in kB.
    private static long Status(Process p, string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{p.Id}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string CommandLine(Process p)
    {
        try
        {
            return File.ReadAllText($"/proc/{p.Id}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
