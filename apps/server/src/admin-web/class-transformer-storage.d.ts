// class-transformer keeps its @Type metadata here (the package ships this file's types under types/, not beside it)
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
