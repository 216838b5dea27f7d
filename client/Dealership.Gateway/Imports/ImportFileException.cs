namespace Dealership.Gateway.Imports;

/// <summary>The uploaded file cannot be read as an import (a quote never closed, a workbook that is not one): the file's fault, a 400.</summary>
public sealed class ImportFileException(string reason) : Exception(reason);
