import type { ReactNode } from 'react';
import { Image, View } from '@tarojs/components';
import { imageUrl } from '@/api/transport';
import { PhotoCheckNote } from '@/components/PhotoCheckNote';

/** The areas whose stylesheet styles `<area>-photos` (the row) and `<area>-photo` (activity, pledge, request). */
export type PhotoArea = 'act' | 'pl' | 'rq';

interface PhotoRowProps {
  area: PhotoArea;
  photos: string[];
  /** A tap on a photo (enlargePhoto, on the pages that show photos full screen). */
  onTap?: (url: string, urls: string[]) => void;
  /** After the photos, in the same row: the tile that adds one. */
  children?: ReactNode;
}

function PhotoRow({ area, photos, onTap, children }: PhotoRowProps) {
  const urls = photos.map(imageUrl);
  return (
    <View className={`${area}-photos`}>
      {urls.map((url) => (
        <Image
          key={url}
          className={`${area}-photo`}
          src={url}
          mode="aspectFill"
          onClick={onTap ? () => onTap(url, urls) : undefined}
        />
      ))}
      {children}
    </View>
  );
}

/**
 * A record's photos as others see them, and under them the note on those still in WeChat's image check, which
 * only their uploader and the record's handlers are shown.
 */
export function Photos({
  area,
  photos,
  pending,
  noteClassName,
  onTap,
}: {
  area: PhotoArea;
  photos: string[];
  pending?: string[];
  noteClassName: string;
  onTap?: PhotoRowProps['onTap'];
}) {
  return (
    <>
      {photos.length > 0 && <PhotoRow area={area} photos={photos} onTap={onTap} />}
      <PhotoCheckNote className={noteClassName} pending={pending} />
    </>
  );
}

/** The photos a form has uploaded so far; `addTile` (a tile that adds more) ends their row while there is room. */
export function PhotoPicker({ area, photos, addTile }: { area: PhotoArea; photos: string[]; addTile?: ReactNode }) {
  return (
    <PhotoRow area={area} photos={photos}>
      {addTile}
    </PhotoRow>
  );
}
