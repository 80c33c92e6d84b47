using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Basin.Tensors.Tests")]
