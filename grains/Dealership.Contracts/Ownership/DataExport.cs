using Dealership.Contracts.Common;

namespace Dealership.Contracts.Ownership;

/// <summary>What an export holds once begun: its id, the instant its snapshot was taken and the files it will hand out, in order.</summary>
[GenerateSerializer, Immutable, Alias("ExportBegun")]
public sealed record ExportBegun(
    [property: Id(0)] string ExportId,
    [property: Id(1)] DateTimeOffset SnapshotAt,
    [property: Id(2)] IReadOnlyList<string> Files);

/// <summary>
/// The next piece of an export: bytes of <see cref="File"/> (a file is handed out in order, in as many pieces as it takes), or
/// <see cref="Done"/> when every file has been handed out.
/// </summary>
[GenerateSerializer, Immutable, Alias("ExportChunk")]
public sealed record ExportChunk(
    [property: Id(0)] string File,
    [property: Id(1)] byte[] Data,
    [property: Id(2)] bool Done)
{
    public static readonly ExportChunk End = new("", [], true);
}

/// <summary>
/// One full export of the data a store (key: <see cref="GrainKeys.StoreExport"/>) or a group (<see cref="GrainKeys.GroupExport"/>)
/// owns: every table its records live in, as CSV, read in one consistent snapshot of the database, with a README of the files and
/// their columns. Only an administrator may begin one (a group's, only a group-wide administrator); each is audited. The caller
/// pulls it a piece at a time, so a store's years of history stream through without being held whole anywhere.
/// </summary>
[Alias("IDataExportGrain")]
public interface IDataExportGrain : IGrainWithStringKey
{
    /// <summary>Checks the caller, writes the audit line and takes the snapshot.</summary>
    [Alias("Begin")]
    Task<Outcome<ExportBegun>> Begin();

    /// <summary>The next piece; <see cref="ExportChunk.Done"/> once all is handed out.</summary>
    [Alias("Next")]
    Task<Outcome<ExportChunk>> Next();

    /// <summary>Ends the export early or after the last piece, releasing its snapshot.</summary>
    [Alias("End")]
    Task End();
}
