import { Button, Input, View } from '@tarojs/components';
import type { PlaceView } from '@honglin/types/org-api';
import type { Film } from '@honglin/types/video';

interface PlaceChoiceProps {
  places: PlaceView[];
  placeId: string | null;
  onPlaceId: (id: string | null) => void;
  placeText: string;
  onPlaceText: (text: string) => void;
}

/** 地点: one of the registered places (a second tap lets it go), or a place described in words. */
export function PlaceChoice({ places, placeId, onPlaceId, placeText, onPlaceText }: PlaceChoiceProps) {
  return (
    <>
      <View className="act-chips">
        {places.map((p) => (
          <Button
            key={p._id}
            className={`act-chip${placeId === p._id ? ' act-chip--on' : ''}`}
            onClick={() => onPlaceId(placeId === p._id ? null : p._id)}
          >
            {p.name}
          </Button>
        ))}
      </View>
      {!placeId && (
        <Input
          className="act-input"
          value={placeText}
          placeholder="或填写田间地头、工地等地点"
          onInput={(e) => onPlaceText(e.detail.value)}
        />
      )}
    </>
  );
}

/** 放映影片: any number of the library's films, each tap adding or removing one. */
export function FilmChoice({
  films,
  filmIds,
  onChange,
}: {
  films: Film[];
  filmIds: string[];
  onChange: (ids: string[]) => void;
}) {
  return (
    <View className="act-chips">
      {films.map((f) => (
        <Button
          key={f._id}
          className={`act-chip${filmIds.includes(f._id) ? ' act-chip--on' : ''}`}
          onClick={() => onChange(filmIds.includes(f._id) ? filmIds.filter((id) => id !== f._id) : [...filmIds, f._id])}
        >
          《{f.title}》
        </Button>
      ))}
    </View>
  );
}
