global using System.Numerics;
global using Basin.Tensors;
global using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
