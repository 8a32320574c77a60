import{$ as e,E as t,F as n,G as r,H as i,Ht as a,It as o,J as s,Kt as c,Ot as l,T as u,Vt as d,W as f,Wt as ee,X as p,Y as m,_t as h,bt as g,dt as _,en as te,et as v,ft as y,gt as b,h as ne,i as x,ln as S,lt as C,n as w,ot as T,p as E,q as D,rt as O,sn as re,st as k,t as ie,tt as A,un as j,v as M,vn as N,vt as ae,wt as P,x as F,xt as I,yt as L}from"./index-BGsym4i0.js";import{a as R,f as z,n as B,r as V,t as H}from"./datatable-CybEfQ8Y.js";import{t as U}from"./inputtext-BYyp7EV0.js";import{t as oe}from"./tag-BnxYbz8b.js";import{t as se}from"./EmptyState-DZ-d-BGc.js";import{t as W}from"./ErrorNotice-DjW-ZYHt.js";import{t as G}from"./RelativeTime-CjBKkDxm.js";var ce=n.extend({name:`tab`,classes:{root:function(e){var t=e.instance,n=e.props;return[`p-tab`,{"p-tab-active":t.active,"p-disabled":n.disabled}]}}}),K={name:`Tab`,extends:{name:`BaseTab`,extends:t,props:{value:{type:[String,Number],default:void 0},disabled:{type:Boolean,default:!1},as:{type:[String,Object],default:`BUTTON`},asChild:{type:Boolean,default:!1}},style:ce,provide:function(){return{$pcTab:this,$parentInstance:this}}},inheritAttrs:!1,inject:[`$pcTabs`,`$pcTabList`],methods:{onFocus:function(){this.$pcTabs.selectOnFocus&&this.changeActiveValue()},onClick:function(){this.changeActiveValue()},onKeydown:function(e){switch(e.code){case`ArrowRight`:this.onArrowRightKey(e);break;case`ArrowLeft`:this.onArrowLeftKey(e);break;case`Home`:this.onHomeKey(e);break;case`End`:this.onEndKey(e);break;case`PageDown`:this.onPageDownKey(e);break;case`PageUp`:this.onPageUpKey(e);break;case`Enter`:case`NumpadEnter`:case`Space`:this.onEnterKey(e)}},onArrowRightKey:function(e){var t=this.findNextTab(e.currentTarget);t?this.changeFocusedTab(e,t):this.onHomeKey(e),e.preventDefault()},onArrowLeftKey:function(e){var t=this.findPrevTab(e.currentTarget);t?this.changeFocusedTab(e,t):this.onEndKey(e),e.preventDefault()},onHomeKey:function(e){var t=this.findFirstTab();this.changeFocusedTab(e,t),e.preventDefault()},onEndKey:function(e){var t=this.findLastTab();this.changeFocusedTab(e,t),e.preventDefault()},onPageDownKey:function(e){this.scrollInView(this.findLastTab()),e.preventDefault()},onPageUpKey:function(e){this.scrollInView(this.findFirstTab()),e.preventDefault()},onEnterKey:function(e){this.changeActiveValue()},findNextTab:function(e){var t=arguments.length>1&&arguments[1]!==void 0&&arguments[1]?e:e.nextElementSibling;return t?d(t,`data-p-disabled`)||d(t,`data-pc-section`)===`activebar`?this.findNextTab(t):S(t,`[data-pc-name="tab"]`):null},findPrevTab:function(e){var t=arguments.length>1&&arguments[1]!==void 0&&arguments[1]?e:e.previousElementSibling;return t?d(t,`data-p-disabled`)||d(t,`data-pc-section`)===`activebar`?this.findPrevTab(t):S(t,`[data-pc-name="tab"]`):null},findFirstTab:function(){return this.findNextTab(this.$pcTabList.$refs.tabs.firstElementChild,!0)},findLastTab:function(){return this.findPrevTab(this.$pcTabList.$refs.tabs.lastElementChild,!0)},changeActiveValue:function(){this.$pcTabs.updateValue(this.value)},changeFocusedTab:function(e,t){te(t),this.scrollInView(t)},scrollInView:function(e){var t;e==null||(t=e.scrollIntoView)==null||t.call(e,{block:`nearest`})}},computed:{active:function(){return N(this.$pcTabs?.d_value,this.value)},id:function(){return`${this.$pcTabs?.$id}_tab_${this.value}`},ariaControls:function(){return`${this.$pcTabs?.$id}_tabpanel_${this.value}`},attrs:function(){return O(this.asAttrs,this.a11yAttrs,this.ptmi(`root`,this.ptParams))},asAttrs:function(){return this.as===`BUTTON`?{type:`button`,disabled:this.disabled}:void 0},a11yAttrs:function(){return{id:this.id,tabindex:this.active?this.$pcTabs.tabindex:-1,role:`tab`,"aria-selected":this.active,"aria-controls":this.ariaControls,"data-pc-name":`tab`,"data-p-disabled":this.disabled,"data-p-active":this.active,onFocus:this.onFocus,onKeydown:this.onKeydown}},ptParams:function(){return{context:{active:this.active}}},dataP:function(){return j({active:this.active})}},directives:{ripple:F}};K.render=function(e,t,n,r,i,a){var o=_(`ripple`);return e.asChild?C(e.$slots,`default`,{key:1,dataP:a.dataP,class:I(e.cx(`root`)),active:a.active,a11yAttrs:a.a11yAttrs,onClick:a.onClick}):h((k(),s(y(e.as),O({key:0,class:e.cx(`root`),"data-p":a.dataP,onClick:a.onClick},a.attrs),{default:b(function(){return[C(e.$slots,`default`)]}),_:3},16,[`class`,`data-p`,`onClick`])),[[o]])};var q={name:`ChevronLeftIcon`,extends:u};function le(e){return pe(e)||fe(e)||de(e)||ue()}function ue(){throw TypeError(`Invalid attempt to spread non-iterable instance.
In order to be iterable, non-array objects must have a [Symbol.iterator]() method.`)}function de(e,t){if(e){if(typeof e==`string`)return J(e,t);var n={}.toString.call(e).slice(8,-1);return n===`Object`&&e.constructor&&(n=e.constructor.name),n===`Map`||n===`Set`?Array.from(e):n===`Arguments`||/^(?:Ui|I)nt(?:8|16|32)(?:Clamped)?Array$/.test(n)?J(e,t):void 0}}function fe(e){if(typeof Symbol<`u`&&e[Symbol.iterator]!=null||e[`@@iterator`]!=null)return Array.from(e)}function pe(e){if(Array.isArray(e))return J(e)}function J(e,t){(t==null||t>e.length)&&(t=e.length);for(var n=0,r=Array(t);n<t;n++)r[n]=e[n];return r}q.render=function(e,t,n,r,i,a){return k(),p(`svg`,O({width:`14`,height:`14`,viewBox:`0 0 14 14`,fill:`none`,xmlns:`http://www.w3.org/2000/svg`},e.pti()),le(t[0]||=[D(`path`,{d:`M9.61296 13C9.50997 13.0005 9.40792 12.9804 9.3128 12.9409C9.21767 12.9014 9.13139 12.8433 9.05902 12.7701L3.83313 7.54416C3.68634 7.39718 3.60388 7.19795 3.60388 6.99022C3.60388 6.78249 3.68634 6.58325 3.83313 6.43628L9.05902 1.21039C9.20762 1.07192 9.40416 0.996539 9.60724 1.00012C9.81032 1.00371 10.0041 1.08597 10.1477 1.22959C10.2913 1.37322 10.3736 1.56698 10.3772 1.77005C10.3808 1.97313 10.3054 2.16968 10.1669 2.31827L5.49496 6.99022L10.1669 11.6622C10.3137 11.8091 10.3962 12.0084 10.3962 12.2161C10.3962 12.4238 10.3137 12.6231 10.1669 12.7701C10.0945 12.8433 10.0083 12.9014 9.91313 12.9409C9.81801 12.9804 9.71596 13.0005 9.61296 13Z`,fill:`currentColor`},null,-1)]),16)};var Y=n.extend({name:`tablist`,classes:{root:`p-tablist`,content:`p-tablist-content p-tablist-viewport`,tabList:`p-tablist-tab-list`,activeBar:`p-tablist-active-bar`,prevButton:`p-tablist-prev-button p-tablist-nav-button`,nextButton:`p-tablist-next-button p-tablist-nav-button`}}),X={name:`TabList`,extends:{name:`BaseTabList`,extends:t,props:{},style:Y,provide:function(){return{$pcTabList:this,$parentInstance:this}}},inheritAttrs:!1,inject:[`$pcTabs`],data:function(){return{isPrevButtonEnabled:!1,isNextButtonEnabled:!0}},resizeObserver:void 0,inkBarObserver:void 0,watch:{showNavigators:function(e){e?this.bindResizeObserver():this.unbindResizeObserver()},activeValue:{flush:`post`,handler:function(){this.updateInkBar(),this.bindInkBarObserver()}}},mounted:function(){var e=this;setTimeout(function(){e.updateInkBar(),e.bindInkBarObserver()},150),this.showNavigators&&(this.updateButtonState(),this.bindResizeObserver())},updated:function(){this.showNavigators&&this.updateButtonState()},beforeUnmount:function(){this.unbindResizeObserver(),this.unbindInkBarObserver()},methods:{onScroll:function(e){this.showNavigators&&this.updateButtonState(),e.preventDefault()},onPrevButtonClick:function(){var e=this.$refs.content,t=this.getVisibleButtonWidths(),n=a(e)-t,r=Math.abs(e.scrollLeft)-n*.8,i=Math.max(r,0);e.scrollLeft=c(e)?-1*i:i},onNextButtonClick:function(){var e=this.$refs.content,t=this.getVisibleButtonWidths(),n=a(e)-t,r=Math.abs(e.scrollLeft)+n*.8,i=e.scrollWidth-n,o=Math.min(r,i);e.scrollLeft=c(e)?-1*o:o},bindResizeObserver:function(){var e=this;this.resizeObserver=new ResizeObserver(function(){return e.updateButtonState()}),this.resizeObserver.observe(this.$refs.list)},unbindResizeObserver:function(){var e;(e=this.resizeObserver)==null||e.unobserve(this.$refs.list),this.resizeObserver=void 0},bindInkBarObserver:function(){var e=this;this.unbindInkBarObserver();var t=this.$refs.content,n=S(t,`[data-pc-name="tab"][data-p-active="true"]`);n&&(this.inkBarObserver=new ResizeObserver(function(){return e.updateInkBar()}),this.inkBarObserver.observe(n))},unbindInkBarObserver:function(){var e;(e=this.inkBarObserver)==null||e.disconnect(),this.inkBarObserver=void 0},updateInkBar:function(){var e=this.$refs,t=e.content,n=e.inkbar,r=e.tabs;if(n){var i=S(t,`[data-pc-name="tab"][data-p-active="true"]`);this.$pcTabs.isVertical()?(n.style.height=l(i)+`px`,n.style.top=o(i).top-o(r).top+`px`):(n.style.width=re(i)+`px`,n.style.left=o(i).left-o(r).left+`px`)}},updateButtonState:function(){var e=this.$refs,t=e.list,n=e.content,r=n.scrollTop,i=n.scrollWidth,o=n.scrollHeight,s=n.offsetWidth,c=n.offsetHeight,l=Math.abs(n.scrollLeft),u=[a(n),ee(n)],d=u[0],f=u[1];this.$pcTabs.isVertical()?(this.isPrevButtonEnabled=r!==0,this.isNextButtonEnabled=t.offsetHeight>=c&&parseInt(r)!==o-f):(this.isPrevButtonEnabled=l!==0,this.isNextButtonEnabled=t.offsetWidth>=s&&parseInt(l)!==i-d)},getVisibleButtonWidths:function(){var e=this.$refs,t=e.prevButton,n=e.nextButton,r=0;return this.showNavigators&&(r=(t?.offsetWidth||0)+(n?.offsetWidth||0)),r}},computed:{templates:function(){return this.$pcTabs.$slots},activeValue:function(){return this.$pcTabs.d_value},showNavigators:function(){return this.$pcTabs.showNavigators},prevButtonAriaLabel:function(){return this.$primevue.config.locale.aria?this.$primevue.config.locale.aria.previous:void 0},nextButtonAriaLabel:function(){return this.$primevue.config.locale.aria?this.$primevue.config.locale.aria.next:void 0},dataP:function(){return j({scrollable:this.$pcTabs.scrollable})}},components:{ChevronLeftIcon:q,ChevronRightIcon:V},directives:{ripple:F}},me=[`data-p`],he=[`aria-label`,`tabindex`],ge=[`data-p`],_e=[`aria-orientation`],ve=[`aria-label`,`tabindex`];X.render=function(e,t,n,r,i,a){var o=_(`ripple`);return k(),p(`div`,O({ref:`list`,class:e.cx(`root`),"data-p":a.dataP},e.ptmi(`root`)),[a.showNavigators&&i.isPrevButtonEnabled?h((k(),p(`button`,O({key:0,ref:`prevButton`,type:`button`,class:e.cx(`prevButton`),"aria-label":a.prevButtonAriaLabel,tabindex:a.$pcTabs.tabindex,onClick:t[0]||=function(){return a.onPrevButtonClick&&a.onPrevButtonClick.apply(a,arguments)}},e.ptm(`prevButton`),{"data-pc-group-section":`navigator`}),[(k(),s(y(a.templates.previcon||`ChevronLeftIcon`),O({"aria-hidden":`true`},e.ptm(`prevIcon`)),null,16))],16,he)),[[o]]):m(``,!0),D(`div`,O({ref:`content`,class:e.cx(`content`),onScroll:t[1]||=function(){return a.onScroll&&a.onScroll.apply(a,arguments)},"data-p":a.dataP},e.ptm(`content`)),[D(`div`,O({ref:`tabs`,class:e.cx(`tabList`),role:`tablist`,"aria-orientation":a.$pcTabs.orientation||`horizontal`},e.ptm(`tabList`)),[C(e.$slots,`default`),D(`span`,O({ref:`inkbar`,class:e.cx(`activeBar`),role:`presentation`,"aria-hidden":`true`},e.ptm(`activeBar`)),null,16)],16,_e)],16,ge),a.showNavigators&&i.isNextButtonEnabled?h((k(),p(`button`,O({key:1,ref:`nextButton`,type:`button`,class:e.cx(`nextButton`),"aria-label":a.nextButtonAriaLabel,tabindex:a.$pcTabs.tabindex,onClick:t[2]||=function(){return a.onNextButtonClick&&a.onNextButtonClick.apply(a,arguments)}},e.ptm(`nextButton`),{"data-pc-group-section":`navigator`}),[(k(),s(y(a.templates.nexticon||`ChevronRightIcon`),O({"aria-hidden":`true`},e.ptm(`nextIcon`)),null,16))],16,ve)),[[o]]):m(``,!0)],16,me)};var ye=n.extend({name:`tabpanel`,classes:{root:function(e){return[`p-tabpanel`,{"p-tabpanel-active":e.instance.active}]}}}),Z={name:`TabPanel`,extends:{name:`BaseTabPanel`,extends:t,props:{value:{type:[String,Number],default:void 0},as:{type:[String,Object],default:`DIV`},asChild:{type:Boolean,default:!1},header:null,headerStyle:null,headerClass:null,headerProps:null,headerActionProps:null,contentStyle:null,contentClass:null,contentProps:null,disabled:Boolean},style:ye,provide:function(){return{$pcTabPanel:this,$parentInstance:this}}},inheritAttrs:!1,inject:[`$pcTabs`],computed:{active:function(){return N(this.$pcTabs?.d_value,this.value)},id:function(){return`${this.$pcTabs?.$id}_tabpanel_${this.value}`},ariaLabelledby:function(){return`${this.$pcTabs?.$id}_tab_${this.value}`},attrs:function(){return O(this.a11yAttrs,this.ptmi(`root`,this.ptParams))},a11yAttrs:function(){return{id:this.id,tabindex:this.$pcTabs?.tabindex,role:`tabpanel`,"aria-labelledby":this.ariaLabelledby,"data-pc-name":`tabpanel`,"data-p-active":this.active}},ptParams:function(){return{context:{active:this.active}}}}};Z.render=function(e,t,n,a,o,c){var l,u;return c.$pcTabs?(k(),p(r,{key:1},[e.asChild?C(e.$slots,`default`,{key:1,class:I(e.cx(`root`)),active:c.active,a11yAttrs:c.a11yAttrs}):(k(),p(r,{key:0},[!((l=c.$pcTabs)!=null&&l.lazy)||c.active?h((k(),s(y(e.as),O({key:0,class:e.cx(`root`)},c.attrs),{default:b(function(){return[C(e.$slots,`default`)]}),_:3},16,[`class`])),[[i,(u=c.$pcTabs)!=null&&u.lazy?!0:c.active]]):m(``,!0)],64))],64)):C(e.$slots,`default`,{key:0})};var be=n.extend({name:`tabpanels`,classes:{root:`p-tabpanels`}}),Q={name:`TabPanels`,extends:{name:`BaseTabPanels`,extends:t,props:{},style:be,provide:function(){return{$pcTabPanels:this,$parentInstance:this}}},inheritAttrs:!1};Q.render=function(e,t,n,r,i,a){return k(),p(`div`,O({class:e.cx(`root`),role:`presentation`},e.ptmi(`root`)),[C(e.$slots,`default`)],16)};var xe=n.extend({name:`tabs`,style:`
    .p-tabs {
        display: flex;
        flex-direction: column;
    }

    .p-tablist {
        display: flex;
        position: relative;
        overflow: hidden;
        background: dt('tabs.tablist.background');
    }

    .p-tablist-viewport {
        overflow-x: auto;
        overflow-y: hidden;
        scroll-behavior: smooth;
        scrollbar-width: none;
        overscroll-behavior: contain auto;
    }

    .p-tablist-viewport::-webkit-scrollbar {
        display: none;
    }

    .p-tablist-tab-list {
        position: relative;
        display: flex;
        border-style: solid;
        border-color: dt('tabs.tablist.border.color');
        border-width: dt('tabs.tablist.border.width');
    }

    .p-tablist-content {
        flex-grow: 1;
    }

    .p-tablist-nav-button {
        all: unset;
        position: absolute !important;
        flex-shrink: 0;
        inset-block-start: 0;
        z-index: 2;
        height: 100%;
        display: flex;
        align-items: center;
        justify-content: center;
        background: dt('tabs.nav.button.background');
        color: dt('tabs.nav.button.color');
        width: dt('tabs.nav.button.width');
        transition:
            color dt('tabs.transition.duration'),
            outline-color dt('tabs.transition.duration'),
            box-shadow dt('tabs.transition.duration');
        box-shadow: dt('tabs.nav.button.shadow');
        outline-color: transparent;
        cursor: pointer;
    }

    .p-tablist-nav-button:focus-visible {
        z-index: 1;
        box-shadow: dt('tabs.nav.button.focus.ring.shadow');
        outline: dt('tabs.nav.button.focus.ring.width') dt('tabs.nav.button.focus.ring.style') dt('tabs.nav.button.focus.ring.color');
        outline-offset: dt('tabs.nav.button.focus.ring.offset');
    }

    .p-tablist-nav-button:hover {
        color: dt('tabs.nav.button.hover.color');
    }

    .p-tablist-prev-button {
        inset-inline-start: 0;
    }

    .p-tablist-next-button {
        inset-inline-end: 0;
    }

    .p-tablist-prev-button:dir(rtl),
    .p-tablist-next-button:dir(rtl) {
        transform: rotate(180deg);
    }

    .p-tab {
        flex-shrink: 0;
        cursor: pointer;
        user-select: none;
        position: relative;
        border-style: solid;
        white-space: nowrap;
        gap: dt('tabs.tab.gap');
        background: dt('tabs.tab.background');
        border-width: dt('tabs.tab.border.width');
        border-color: dt('tabs.tab.border.color');
        color: dt('tabs.tab.color');
        padding: dt('tabs.tab.padding');
        font-weight: dt('tabs.tab.font.weight');
        transition:
            background dt('tabs.transition.duration'),
            border-color dt('tabs.transition.duration'),
            color dt('tabs.transition.duration'),
            outline-color dt('tabs.transition.duration'),
            box-shadow dt('tabs.transition.duration');
        margin: dt('tabs.tab.margin');
        outline-color: transparent;
    }

    .p-tab:not(.p-disabled):focus-visible {
        z-index: 1;
        box-shadow: dt('tabs.tab.focus.ring.shadow');
        outline: dt('tabs.tab.focus.ring.width') dt('tabs.tab.focus.ring.style') dt('tabs.tab.focus.ring.color');
        outline-offset: dt('tabs.tab.focus.ring.offset');
    }

    .p-tab:not(.p-tab-active):not(.p-disabled):hover {
        background: dt('tabs.tab.hover.background');
        border-color: dt('tabs.tab.hover.border.color');
        color: dt('tabs.tab.hover.color');
    }

    .p-tab-active {
        background: dt('tabs.tab.active.background');
        border-color: dt('tabs.tab.active.border.color');
        color: dt('tabs.tab.active.color');
    }

    .p-tabpanels {
        background: dt('tabs.tabpanel.background');
        color: dt('tabs.tabpanel.color');
        padding: dt('tabs.tabpanel.padding');
        outline: 0 none;
    }

    .p-tabpanel:focus-visible {
        box-shadow: dt('tabs.tabpanel.focus.ring.shadow');
        outline: dt('tabs.tabpanel.focus.ring.width') dt('tabs.tabpanel.focus.ring.style') dt('tabs.tabpanel.focus.ring.color');
        outline-offset: dt('tabs.tabpanel.focus.ring.offset');
    }

    .p-tablist-active-bar {
        z-index: 1;
        display: block;
        position: absolute;
        inset-block-end: dt('tabs.active.bar.bottom');
        height: dt('tabs.active.bar.height');
        background: dt('tabs.active.bar.background');
        transition: 250ms cubic-bezier(0.35, 0, 0.25, 1);
    }
`,classes:{root:function(e){return[`p-tabs p-component`,{"p-tabs-scrollable":e.props.scrollable}]}}}),$={name:`Tabs`,extends:{name:`BaseTabs`,extends:t,props:{value:{type:[String,Number],default:void 0},lazy:{type:Boolean,default:!1},scrollable:{type:Boolean,default:!1},showNavigators:{type:Boolean,default:!0},tabindex:{type:Number,default:0},selectOnFocus:{type:Boolean,default:!1}},style:xe,provide:function(){return{$pcTabs:this,$parentInstance:this}}},inheritAttrs:!1,emits:[`update:value`],data:function(){return{d_value:this.value}},watch:{value:function(e){this.d_value=e}},methods:{updateValue:function(e){this.d_value!==e&&(this.d_value=e,this.$emit(`update:value`,e))},isVertical:function(){return this.orientation===`vertical`}}};$.render=function(e,t,n,r,i,a){return k(),p(`div`,O({class:e.cx(`root`)},e.ptmi(`root`)),[C(e.$slots,`default`)],16)};var Se={class:`panel`},Ce={class:`secret`},we=ne(A({__name:`ApiKeysPanel`,setup(t){let n=L([]),r=L(null),i=L(``),a=L(null),o=L(`responder`),c=L(!0);async function l(){try{n.value=(await x.keys()).items,r.value=null}catch(e){r.value=E(e)}}async function u(){try{a.value=await x.createKey(i.value.trim(),o.value,c.value?[`/alerts/webhook/`]:[]),i.value=``,await l()}catch(e){r.value=E(e)}}async function d(e){try{await x.revokeKey(e.id),await l()}catch(e){r.value=E(e)}}return T(l),(t,l)=>(k(),p(`div`,Se,[D(`form`,{class:`toolbar`,onSubmit:f(u,[`prevent`])},[l[4]||=D(`label`,{for:`key-name`},`New key named`,-1),v(g(U),{id:`key-name`,modelValue:i.value,"onUpdate:modelValue":l[0]||=e=>i.value=e,placeholder:`alertmanager-prod`},null,8,[`modelValue`]),l[5]||=D(`label`,{for:`key-role`},`with the role`,-1),v(g(R),{modelValue:o.value,"onUpdate:modelValue":l[1]||=e=>o.value=e,"input-id":`key-role`,options:[...g(w)]},null,8,[`modelValue`,`options`]),v(g(B),{modelValue:c.value,"onUpdate:modelValue":l[2]||=e=>c.value=e,"input-id":`key-webhook`,binary:``},null,8,[`modelValue`]),l[6]||=D(`label`,{for:`key-webhook`},`webhooks only`,-1),v(g(M),{type:`submit`,label:`Create`,icon:`pi pi-plus`,disabled:!i.value.trim()},null,8,[`disabled`])],32),a.value?.key?(k(),s(g(ie),{key:0,severity:`warn`,closable:``,onClose:l[3]||=e=>a.value=null},{default:b(()=>[l[7]||=e(` Copy the key `,-1),D(`strong`,null,P(a.value.name),1),l[8]||=e(` now; it is not shown again: `,-1),D(`code`,Ce,P(a.value.key),1)]),_:1})):m(``,!0),v(W,{error:r.value},null,8,[`error`]),v(g(H),{value:n.value,"data-key":`id`,size:`small`},{empty:b(()=>[v(se,{icon:`pi pi-key`,title:`No API key`},{default:b(()=>[...l[9]||=[e(` Monitoring tools and scripts authenticate with one: create it above. `,-1)]]),_:1})]),default:b(()=>[v(g(z),{field:`name`,header:`Name`}),v(g(z),{header:`Prefix`},{body:b(({data:e})=>[D(`code`,null,P(e.prefix)+`…`,1)]),_:1}),v(g(z),{field:`role`,header:`Role`}),v(g(z),{header:`Limited to`,class:`hide-on-phone`,"header-class":`hide-on-phone`},{body:b(({data:t})=>[e(P(t.allowed_endpoints.join(`, `)||`every route its role allows`),1)]),_:1}),v(g(z),{header:`Created`},{body:b(({data:e})=>[v(G,{value:e.created_at},null,8,[`value`])]),_:1}),v(g(z),{header:`Last used`},{body:b(({data:e})=>[v(G,{value:e.last_used_at},null,8,[`value`])]),_:1}),v(g(z),{header:``},{body:b(({data:e})=>[e.is_active?(k(),s(g(M),{key:0,label:`Revoke`,severity:`danger`,text:``,size:`small`,onClick:t=>d(e)},null,8,[`onClick`])):(k(),s(g(oe),{key:1,value:`revoked`,severity:`secondary`}))]),_:1})]),_:1},8,[`value`])]))}}),[[`__scopeId`,`data-v-fa407b39`]]),Te={class:`mono`},Ee=A({__name:`AuditPanel`,setup(t){let n=L([]),r=L(null);return T(async()=>{try{n.value=(await x.audit({limit:200})).items}catch(e){r.value=E(e)}}),(t,i)=>(k(),p(`div`,null,[v(W,{error:r.value},null,8,[`error`]),v(g(H),{value:n.value,"data-key":`id`,size:`small`},{default:b(()=>[v(g(z),{header:`When`},{body:b(({data:e})=>[v(G,{value:e.at},null,8,[`value`])]),_:1}),v(g(z),{header:`Who`},{body:b(({data:t})=>[e(P(t.username||t.actor),1)]),_:1}),v(g(z),{field:`event`,header:`What`}),v(g(z),{field:`ip`,header:`From`,class:`hide-on-phone`,"header-class":`hide-on-phone`}),v(g(z),{header:`Detail`,class:`hide-on-phone`,"header-class":`hide-on-phone`},{body:b(({data:e})=>[D(`span`,Te,P(e.detail?JSON.stringify(e.detail):``),1)]),_:1})]),_:1},8,[`value`])]))}}),De=A({__name:`UsersPanel`,setup(e){let t=L([]),n=ae({username:``,password:``,role:`viewer`}),r=L(null);async function i(){try{t.value=(await x.users()).items,r.value=null}catch(e){r.value=E(e)}}async function a(e,t){try{await x.updateUser(e.id,{role:t}),await i()}catch(e){r.value=E(e)}}async function o(){try{await x.createUser({...n,username:n.username.trim()}),Object.assign(n,{username:``,password:``}),await i()}catch(e){r.value=E(e)}}return T(i),(e,i)=>(k(),p(`div`,null,[v(W,{error:r.value},null,8,[`error`]),D(`form`,{class:`toolbar`,onSubmit:f(o,[`prevent`])},[v(g(U),{modelValue:n.username,"onUpdate:modelValue":i[0]||=e=>n.username=e,placeholder:`user name`,"aria-label":`New user's name`,autocomplete:`off`},null,8,[`modelValue`]),v(g(U),{modelValue:n.password,"onUpdate:modelValue":i[1]||=e=>n.password=e,type:`password`,placeholder:`first password`,"aria-label":`New user's password`,autocomplete:`new-password`},null,8,[`modelValue`]),v(g(R),{modelValue:n.role,"onUpdate:modelValue":i[2]||=e=>n.role=e,options:[...g(w)],"aria-label":`New user's role`},null,8,[`modelValue`,`options`]),v(g(M),{type:`submit`,label:`Add user`,icon:`pi pi-user-plus`,disabled:!n.username.trim()||!n.password},null,8,[`disabled`])],32),v(g(H),{value:t.value,"data-key":`id`,size:`small`},{default:b(()=>[v(g(z),{field:`username`,header:`User`}),v(g(z),{field:`email`,header:`Email`,class:`hide-on-phone`,"header-class":`hide-on-phone`}),v(g(z),{header:`Role`},{body:b(({data:e})=>[v(g(R),{"model-value":e.role,options:[...g(w)],placeholder:`no role`,"aria-label":`Role of ${e.username}`,"onUpdate:modelValue":t=>a(e,t)},null,8,[`model-value`,`options`,`aria-label`,`onUpdate:modelValue`])]),_:1})]),_:1},8,[`value`])]))}}),Oe={class:`page`},ke=A({__name:`AdminPage`,setup(t){return(t,n)=>(k(),p(`section`,Oe,[n[3]||=D(`h1`,{class:`page-title`},`Admin`,-1),v(g($),{value:`keys`,lazy:``},{default:b(()=>[v(g(X),null,{default:b(()=>[v(g(K),{value:`keys`},{default:b(()=>[...n[0]||=[e(`API keys`,-1)]]),_:1}),v(g(K),{value:`users`},{default:b(()=>[...n[1]||=[e(`Users and roles`,-1)]]),_:1}),v(g(K),{value:`audit`},{default:b(()=>[...n[2]||=[e(`Audit log`,-1)]]),_:1})]),_:1}),v(g(Q),null,{default:b(()=>[v(g(Z),{value:`keys`},{default:b(()=>[v(we)]),_:1}),v(g(Z),{value:`users`},{default:b(()=>[v(De)]),_:1}),v(g(Z),{value:`audit`},{default:b(()=>[v(Ee)]),_:1})]),_:1})]),_:1})]))}});export{ke as default};